import { mistralPlugin } from './mistral-plugin.js';

export default mistralPlugin;
export { mistralPlugin } from './mistral-plugin.js';
export {
  MistralProvider,
  mistralApiKeyVariable,
  mistralBaseURL,
  type MistralProviderSettings,
} from './mistral-provider.js';
export { mistralSettingsSchema, type MistralSettings } from './mistral-settings-schema.js';
export { MistralChatModel } from './mistral-chat-model.js';
export { MistralEmbeddingModel } from './mistral-embedding-model.js';
export { MistralToolCallIds, isMistralToolCallId } from './mistral-tool-call-ids.js';
export { convertToMistralChatBody } from './convert-to-mistral-chat-body.js';
export { createMistralError } from './create-mistral-error.js';
export { findMistralModelMetadata } from './mistral-model-metadata.js';
