import { anthropicPlugin } from './anthropic-plugin.js';

export default anthropicPlugin;
export { anthropicPlugin } from './anthropic-plugin.js';
export {
  anthropicApiKeyEnvironmentVariable,
  anthropicBaseURL,
  createAnthropicProvider,
  defaultAnthropicVersion,
  type AnthropicProviderOptions,
} from './create-anthropic-provider.js';
export { AnthropicProvider, type AnthropicProviderSettings } from './anthropic-provider.js';
export { AnthropicChatModel, anthropicMessagesFormat, type AnthropicChatModelSettings } from './anthropic-chat-model.js';
export { anthropicModels, findAnthropicModelMetadata } from './anthropic-model-metadata.js';
export { anthropicSettingsSchema, type AnthropicSettings } from './anthropic-settings-schema.js';
export { convertToAnthropicRequest, type AnthropicRequest, type ConvertToAnthropicRequestOptions } from './convert-to-anthropic-request.js';
export {
  convertToAnthropicMessages,
  type AnthropicBlock,
  type AnthropicMessage,
  type AnthropicPrompt,
} from './convert-to-anthropic-messages.js';
export { createAnthropicError, type CreateAnthropicErrorOptions } from './create-anthropic-error.js';
export { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
export { normalizeAnthropicUsage, type AnthropicUsageCounts } from './normalize-anthropic-usage.js';
