import { coherePlugin } from './cohere-plugin.js';

export default coherePlugin;
export { coherePlugin } from './cohere-plugin.js';
export { CohereProvider, createCohereProvider, defaultCohereBaseURL, type CohereProviderSettings } from './create-cohere-provider.js';
export { cohereSettingsSchema, type CohereSettings } from './cohere-settings-schema.js';
export { cohereModelMetadata, cohereModels } from './cohere-model-metadata.js';
export { cohereApiKeyEnvironmentVariables } from './cohere-credentials.js';
export { cohereInputTypes, defaultCohereInputType } from './cohere-embedding-model.js';
export { convertToCohereChatBody } from './convert-to-cohere-chat-body.js';
