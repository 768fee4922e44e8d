export { HttpPools, type HttpPoolsOptions, type HttpRequestOptions, type HttpResponse, type HttpResponseBody } from './http-pools.js';
export { ServerSentEventParser, parseServerSentEvents, type ServerSentEvent } from './server-sent-event-parser.js';
export { doneSentinel, formatServerSentEvent, formatServerSentEventComment } from './format-server-sent-event.js';
export { parseJsonLines } from './parse-json-lines.js';
export { deterministicEmbedding } from './deterministic-embedding.js';
export { loadApiKey, type LoadApiKeyOptions } from './load-api-key.js';
export { allowsEnvironmentFallback } from './allows-environment-fallback.js';
export { readBodyText, type ReadBodyTextOptions } from './read-body-text.js';
export type { UpstreamLimits } from './upstream-limits.js';
export { parseRetryAfter } from './parse-retry-after.js';
export { parseUpstreamErrorBody, readUpstreamErrorValue, type UpstreamErrorDetails } from './parse-upstream-error-body.js';
export { createUpstreamError, type CreateUpstreamErrorOptions, type UpstreamFailure } from './create-upstream-error.js';
export { isConnectionError, mapRequestError, type AbortState, type MapRequestErrorOptions } from './map-request-error.js';

export type { OpenAICompatibleProviderSettings, OpenAICompatibleQuirks } from './openai-compatible/openai-compatible-settings.js';
export { openAICompatibleAbilities, type OpenAICompatibleAbility } from './openai-compatible/openai-compatible-settings.js';
export { OpenAICompatibleTextCompletionPath } from './openai-compatible/openai-compatible-text-completion-path.js';
export { multipartForm, type FormFile } from './openai-compatible/multipart-form.js';
export { OpenAICompatibleProvider } from './openai-compatible/openai-compatible-provider.js';
export { OpenAICompatibleChatModel } from './openai-compatible/openai-compatible-chat-model.js';
export { OpenAICompatibleEmbeddingModel } from './openai-compatible/openai-compatible-embedding-model.js';
export { abortOf, OpenAICompatibleClient, type OpenAICompatibleSendOptions } from './openai-compatible/openai-compatible-client.js';
export { OpenAICompatibleChunkNormalizer } from './openai-compatible/openai-compatible-chunk-normalizer.js';
export { ToolCallDeltaNormalizer, generateToolCallId } from './openai-compatible/tool-call-delta-normalizer.js';
export {
  droppedFieldWarnings,
  prepareOpenAICompatibleChatBody,
  type PrepareChatBodyOptions,
  type PreparedChatBody,
} from './openai-compatible/prepare-openai-compatible-chat-body.js';
export {
  convertToOpenAICompatibleChatBody,
  type ConvertChatBodyOptions,
} from './openai-compatible/convert-to-openai-compatible-chat-body.js';
export { convertToOpenAICompatibleMessages } from './openai-compatible/convert-to-openai-compatible-messages.js';
export {
  normalizeOpenAICompatibleCompletion,
  type NormalizedCompletion,
} from './openai-compatible/normalize-openai-compatible-completion.js';
export { parseOpenAICompatibleCompletion } from './openai-compatible/parse-openai-compatible-completion.js';
export { normalizeOpenAICompatibleUsage } from './openai-compatible/normalize-openai-compatible-usage.js';
export { mapOpenAICompatibleFinishReason, openAIWireFinishReason } from './openai-compatible/map-openai-compatible-finish-reason.js';
export { pickUpstreamHeaders } from './openai-compatible/pick-upstream-headers.js';
export {
  parseOpenAICompatibleEvent,
  readOpenAICompatibleStream,
  type OpenAICompatibleStreamHandler,
  type ReadStreamOptions,
} from './openai-compatible/read-openai-compatible-stream.js';
export { OpenAICompatibleStreamParts } from './openai-compatible/openai-compatible-stream-parts.js';
export { OpenAICompatibleNativeEvents } from './openai-compatible/openai-compatible-native-events.js';
export { findModelMetadata, modelMetadataTable } from './find-model-metadata.js';
export { fetchMedia, type FetchMediaOptions, type FetchedMedia } from './media/fetch-media.js';
export { isPrivateAddress } from './media/is-private-address.js';
export { refuseWarningsWhenStrict } from './refuse-warnings-when-strict.js';
export { passthroughURL, sendPassthrough, type SendPassthroughOptions } from './send-passthrough.js';
export { ModelCache } from './model-cache.js';
