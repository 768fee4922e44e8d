import { azurePlugin } from './azure-plugin.js';

export default azurePlugin;
export { azurePlugin } from './azure-plugin.js';
export { AzureOpenAIProvider, type AzureOpenAIProviderSettings } from './azure-openai-provider.js';
export { azureSettingsSchema, type AzureSettings } from './azure-settings-schema.js';
export { createAzureError } from './create-azure-error.js';
export { findAzureModelMetadata } from './azure-model-metadata.js';
export { azureApiKeyVariable, azureTokenVariable } from './azure-credentials.js';
