import { geminiPlugin } from './gemini-plugin.js';

export default geminiPlugin;
export { geminiPlugin } from './gemini-plugin.js';
export { createGeminiProvider, type GeminiProviderSettings } from './create-gemini-provider.js';
export { GeminiProvider, geminiCountTokensBody } from './gemini-provider.js';
export { geminiSettingsSchema, type GeminiSettings } from './gemini-settings-schema.js';
export {
  createMediaFetcher,
  mediaFetchSettingsSchema,
  mediaOptionsOf,
  type GeminiMediaOptions,
  type MediaFetchSettings,
} from './gemini-media-settings.js';
export { defaultGeminiBaseURL, geminiKeyVariables, GeminiApiKeyEndpoint } from './gemini-api-key-endpoint.js';
export { googleApiRoot } from './google-api-root.js';
export { sendGooglePassthrough } from './send-google-passthrough.js';
export { GeminiClient, type GeminiEndpoint, type GeminiSendOptions } from './gemini-client.js';
export { GeminiChatModel, type GeminiChatModelOptions } from './gemini-chat-model.js';
export { GeminiEmbeddingModel, embeddingTexts, geminiModelName } from './gemini-embedding-model.js';
export { convertToGeminiRequest, type ConvertRequestOptions } from './convert-to-gemini-request.js';
export { convertToGeminiContents, skipThoughtSignature } from './convert-to-gemini-contents.js';
export { convertGeminiMedia, isGoogleFileUri, type GeminiMediaFetcher } from './convert-gemini-media.js';
export { sanitizeGeminiSchema } from './sanitize-gemini-schema.js';
export { parseGeminiResponse } from './parse-gemini-response.js';
export { readGeminiStream, type ReadGeminiStreamOptions } from './read-gemini-stream.js';
export { createGeminiError, type CreateGeminiErrorOptions } from './create-gemini-error.js';
export { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
export { normalizeGeminiUsage } from './normalize-gemini-usage.js';
export { generateToolCallId, generatedToolCallIdPrefix, upstreamToolCallId } from './gemini-tool-call-id.js';
export { findGeminiModelMetadata, geminiModels } from './gemini-model-metadata.js';
export { googleOptionsKey } from './gemini-provider-options.js';
export type { GeminiContent, GeminiPart, GeminiRequest, GeminiResponse, GeminiUsageMetadata } from './gemini-wire.js';
