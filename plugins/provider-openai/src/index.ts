import { openAIPlugin } from './openai-plugin.js';

export default openAIPlugin;
export { openAIPlugin } from './openai-plugin.js';
export { createOpenAIProvider, type OpenAIProviderSettings } from './create-openai-provider.js';
export {
  findOpenAICompatibleCatalogEntry,
  needsBaseURL,
  openAICompatibleCatalog,
  openAIOnlyFields,
  type OpenAICompatibleCatalogEntry,
} from './openai-compatible-catalog.js';
export { openAIQuirksSchema, openAISettingsSchema, type OpenAIQuirksSettings, type OpenAISettings } from './openai-settings-schema.js';
