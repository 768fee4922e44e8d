export {
  cacheControlV1Schema,
  dataSourceV1Schema,
  filePartV1Schema,
  imagePartV1Schema,
  providerOptionsV1Schema,
  reasoningPartV1Schema,
  responseContentPartV1Schema,
  textPartV1Schema,
  toolCallPartV1Schema,
  toolResultOutputV1Schema,
  toolResultPartV1Schema,
  type CacheControlV1,
  type DataSourceV1,
  type FilePartV1,
  type ImagePartV1,
  type ProviderOptionsV1,
  type ReasoningPartV1,
  type ResponseContentPartV1,
  type TextPartV1,
  type ToolCallPartV1,
  type ToolResultOutputV1,
  type ToolResultPartV1,
} from './specification/chat/chat-content-v1.js';
export {
  assistantMessageV1Schema,
  chatMessageV1Schema,
  systemMessageV1Schema,
  toolMessageV1Schema,
  userMessageV1Schema,
  type AssistantContentPartV1,
  type AssistantMessageV1,
  type ChatMessageV1,
  type SystemMessageV1,
  type ToolMessageV1,
  type UserContentPartV1,
  type UserMessageV1,
} from './specification/chat/chat-prompt-v1.js';
export {
  chatRequestV1Schema,
  functionToolV1Schema,
  reasoningSettingsV1Schema,
  responseFormatV1Schema,
  toolChoiceV1Schema,
  type ChatRequestV1,
  type FunctionToolV1,
  type ReasoningSettingsV1,
  type ResponseFormatV1,
  type ToolChoiceV1,
} from './specification/chat/chat-request-v1.js';
export {
  chatResponseV1Schema,
  finishReasonV1Schema,
  responseMetadataV1Schema,
  usageV1Schema,
  warningV1Schema,
  type ChatResponseV1,
  type FinishReasonV1,
  type ResponseMetadataV1,
  type UnifiedFinishReasonV1,
  type UsageV1,
  type WarningV1,
} from './specification/chat/chat-response-v1.js';
export { chatStreamPartV1Schema, type ChatStreamPartTypeV1, type ChatStreamPartV1 } from './specification/chat/chat-stream-part-v1.js';
export {
  embeddingRequestV1Schema,
  embeddingResponseV1Schema,
  type EmbeddingRequestV1,
  type EmbeddingResponseV1,
} from './specification/chat/embedding-v1.js';
export {
  rerankRequestV1Schema,
  rerankResponseV1Schema,
  rerankScoreV1Schema,
  type RerankRequestV1,
  type RerankResponseV1,
  type RerankScoreV1,
} from './specification/rerank-v1.js';
export type {
  CallOptions,
  ChatModelV1,
  ChatResultV1,
  ChatStreamV1,
  EmbeddingModelV1,
  EmbeddingResultV1,
  HealthStatusV1,
  ModelInfoV1,
  NativeChatPathV1,
  NativeChatRequestV1,
  NativeChatResultV1,
  NativeChatStreamV1,
  NativeStreamPartV1,
  PassthroughRequestV1,
  PassthroughResponseV1,
  ProviderV1,
  RerankModelV1,
  RerankResultV1,
  UpstreamMetadata,
  TokenCountV1,
} from './specification/provider-v1.js';
export type { CredentialStateV1 } from './specification/credential-state-v1.js';
export type {
  ModelCapabilitiesV1,
  ModelMetadataOverridesV1,
  ModelMetadataV1,
  ModelPricesV1,
} from './specification/model-metadata-v1.js';
export {
  generatedImageV1Schema,
  imageRequestV1Schema,
  imageResponseV1Schema,
  type GeneratedImageV1,
  type ImageModelV1,
  type ImageRequestV1,
  type ImageResponseV1,
} from './specification/image-v1.js';
export { speechRequestV1Schema, type SpeechModelV1, type SpeechRequestV1, type SpeechResultV1 } from './specification/speech-v1.js';
export {
  transcriptionRequestV1Schema,
  transcriptionResponseV1Schema,
  type TranscriptionModelV1,
  type TranscriptionRequestV1,
  type TranscriptionResponseV1,
} from './specification/transcription-v1.js';
export {
  moderationRequestV1Schema,
  moderationResponseV1Schema,
  moderationResultV1Schema,
  type ModerationModelV1,
  type ModerationRequestV1,
  type ModerationResponseV1,
  type ModerationResultV1,
} from './specification/moderation-v1.js';
export type {
  ChatCodecV1,
  ChatStreamEncoderV1,
  DecodedChatRequestV1,
  EmbeddingCodecV1,
  EncodeContextV1,
  EncodedErrorV1,
} from './specification/chat-codec-v1.js';
export type {
  OpenAIAssistantMessage,
  OpenAIChatChoice,
  OpenAIChatChunkChoice,
  OpenAIChatCompletion,
  OpenAIChatCompletionChunk,
  OpenAIChatDelta,
  OpenAIChatMessage,
  OpenAIChatRequest,
  OpenAIChatRole,
  OpenAIContentPart,
  OpenAIFinishReason,
  OpenAIFunctionTool,
  OpenAIToolCall,
  OpenAIToolCallDelta,
  OpenAIThinkingBlock,
  OpenAIToolChoice,
  OpenAIUsage,
} from './codecs/openai/openai-chat-wire-types.js';
export type { OpenAIEmbedding, OpenAIEmbeddingRequest, OpenAIEmbeddingResponse } from './codecs/openai/openai-embedding-wire-types.js';
export { openAIChatRequestSchema, openAIEmbeddingRequestSchema } from './codecs/openai/openai-request-schemas.js';
export { openAIChatCodec, type OpenAIChatEncoding } from './codecs/openai/openai-chat-codec.js';
export { openAIEmbeddingCodec, type OpenAIEmbeddingEncoding } from './codecs/openai/openai-embedding-codec.js';
export { OpenAIChunkEncoder } from './codecs/openai/openai-chunk-encoder.js';
export {
  openAICompletionsCodec,
  openAICompletionsRequestSchema,
  textCompletionsFormat,
  type OpenAICompletionsEncoding,
} from './codecs/openai/openai-completions-codec.js';
export {
  decodeOpenAIImageRequest,
  encodeOpenAIImageResponse,
  openAIImageRequestSchema,
  type OpenAIImageRequest,
  type OpenAIImageResponse,
} from './codecs/openai/openai-image-codec.js';
export { decodeOpenAISpeechRequest, openAISpeechRequestSchema } from './codecs/openai/openai-speech-codec.js';
export {
  decodeOpenAIModerationRequest,
  defaultModerationModel,
  encodeOpenAIModerationResponse,
  openAIModerationRequestSchema,
  type OpenAIModerationResponse,
} from './codecs/openai/openai-moderation-codec.js';
export {
  decodeOpenAITranscriptionRequest,
  encodeOpenAITranscriptionResponse,
  openAITranscriptionFieldsSchema,
  type OpenAITranscriptionFormat,
  type UploadedAudio,
} from './codecs/openai/openai-transcription-codec.js';
export { openAIErrorBodyOf, type OpenAIErrorBody } from './codecs/openai/openai-error-body.js';
export {
  anthropicMessagesCodec,
  anthropicMessagesFormat,
  decodeAnthropicCountTokensRequest,
  type AnthropicMessagesEncoding,
} from './codecs/anthropic/anthropic-messages-codec.js';
export {
  anthropicCountTokensRequestSchema,
  anthropicMessagesRequestSchema,
  type AnthropicCountTokensRequest,
  type AnthropicMessagesRequest,
} from './codecs/anthropic/anthropic-request-schemas.js';
export {
  anthropicErrorBody,
  anthropicErrorBodyOf,
  anthropicErrorType,
  type AnthropicErrorBody,
} from './codecs/anthropic/anthropic-error-body.js';
export { AnthropicStreamEncoder } from './codecs/anthropic/anthropic-stream-encoder.js';
export type {
  AnthropicMessage,
  AnthropicResponseBlock,
  AnthropicStopReason,
  AnthropicUsage,
} from './codecs/anthropic/anthropic-wire-types.js';
export { openAIResponsesRequestSchema } from './codecs/openai-responses/openai-responses-request-schema.js';
export {
  createOpenAIResponsesCodec,
  openAIResponsesFormat,
  type OpenAIResponsesCodecEncoding,
  type OpenAIResponsesCodecOptions,
} from './codecs/openai-responses/openai-responses-codec.js';
export type { OpenAIResponsesEncoding } from './codecs/openai-responses/encode-openai-responses-response.js';
export { OpenAIResponsesStreamEncoder, type CompletedOpenAIResponse } from './codecs/openai-responses/openai-responses-stream-encoder.js';
export {
  readOpenAIResponsesOutcome,
  type OpenAIResponsesOutcome,
} from './codecs/openai-responses/read-openai-responses-outcome.js';
export { decodeOpenAIResponsesUsage, encodeOpenAIResponsesUsage } from './codecs/openai-responses/openai-responses-usage.js';
export {
  OpenAIResponsesSurface,
  type OpenAIResponsesCreated,
  type OpenAIResponsesSurfaceOptions,
} from './codecs/openai-responses/openai-responses-surface.js';
export type { ResponseStore, StoredResponse } from './codecs/openai-responses/response-store.js';
export {
  MemoryResponseStore,
  memoryResponseStoreDefaults,
  type MemoryResponseStoreOptions,
} from './codecs/openai-responses/memory-response-store.js';
export type {
  OpenAIResponsesFunctionTool,
  OpenAIResponsesInputItem,
  OpenAIResponsesOutputItem,
  OpenAIResponsesRequest,
  OpenAIResponsesResponse,
  OpenAIResponsesUsage,
} from './codecs/openai-responses/openai-responses-wire-types.js';
export type {
  DeploymentStatsV1,
  DeploymentV1,
  RouterStrategyV1,
  RoutingCandidateV1,
  RoutingContextV1,
} from './specification/router-strategy-v1.js';
export type { Principal } from './specification/principal.js';
export type { MiddlewareContextV1, MiddlewareV1 } from './specification/middleware-v1.js';
export type { CallAbortV1 } from './specification/call-abort.js';

export { ModelgateError, type ModelgateErrorOptions } from './errors/modelgate-error.js';
export { AuthError } from './errors/auth-error.js';
export { BudgetExceededError } from './errors/budget-exceeded-error.js';
export { ConfigError } from './errors/config-error.js';
export { ContentPolicyError } from './errors/content-policy-error.js';
export { ContextWindowExceededError } from './errors/context-window-exceeded-error.js';
export { InvalidRequestError } from './errors/invalid-request-error.js';
export { MissingCredentialError } from './errors/missing-credential-error.js';
export { ModelNotFoundError } from './errors/model-not-found-error.js';
export { NotFoundError } from './errors/not-found-error.js';
export { PermissionError } from './errors/permission-error.js';
export { RateLimitError } from './errors/rate-limit-error.js';
export { RequestTooLargeError } from './errors/request-too-large-error.js';
export { TimeoutError } from './errors/timeout-error.js';
export { UnsupportedError } from './errors/unsupported-error.js';
export { UnsupportedMediaTypeError } from './errors/unsupported-media-type-error.js';
export { UpstreamError, upstreamAuthenticationErrorCode, type UpstreamErrorOptions } from './errors/upstream-error.js';
export { internalErrorMessage, toModelgateError } from './errors/to-modelgate-error.js';
export { errorTypeForStatus } from './errors/error-type-for-status.js';

export {
  definePlugin,
  pluginKinds,
  type PluginContext,
  type PluginDefinition,
  type PluginKind,
  type PluginLogger,
  type PluginProducts,
} from './plugin/define-plugin.js';
export { PluginLoader, type InstanceRequest, type PluginLoaderOptions } from './plugin/plugin-loader.js';
export type { ImportModule } from './plugin/import-module.js';
export { GatewayContainer } from './plugin/gateway-container.js';
export { providerRegistryToken, tokenFor } from './plugin/tokens.js';

export {
  gatewayConfigSchema,
  type DeploymentConfig,
  type GatewayConfig,
  type GatewayConfigInput,
  type ModelConfig,
  type ProviderInstanceConfig,
} from './config/gateway-config-schema.js';
export { loadConfigFile, parseConfig, parseConfigText, type LoadedConfig, type ParseConfigOptions } from './config/load-config.js';
export type { UnsetReference } from './config/unset-reference.js';
export { formatPath, formatZodIssues, type FormattedIssue } from './config/format-zod-issues.js';
export { findUnsetCredentials } from './config/find-unset-credentials.js';

export { redactedMarker, SecretRedactor } from './security/secret-redactor.js';
export { collectConfiguredSecrets, credentialSettingName } from './security/collect-configured-secrets.js';
export { createSecretRedactor } from './security/create-secret-redactor.js';

export { ModelRegistry, type ModelGroup, type ModelRegistryOptions } from './models/model-registry.js';
export { selectUsableDeployments, type CredentialStateLookup, type DeploymentCandidate } from './models/select-usable-deployments.js';
export { Router, type AttemptContext, type RouteResult, type RouterOptions } from './router/router.js';
export { weightedStrategy } from './router/weighted-strategy.js';

export { validateRequest } from './validation/validate-request.js';

export { createGateway, type CreateGatewayOptions } from './gateway/create-gateway.js';
export { Gateway, type GatewayParts, type PublicModel } from './gateway/gateway.js';
export type { PublicModelFacts } from './gateway/public-model-facts.js';
export { computeCallCost, type CallPrices, type CostedUsage } from './cost/compute-call-cost.js';
export { deploymentModelFacts, type DeploymentModelFacts } from './cost/deployment-model-facts.js';
export type { ChatCompletionStream, ChatRunner, OpenAIChatApi, OpenAIEmbeddingsApi } from './gateway/openai-library-api.js';
export type { CallMetadata, ChatOutcome, RequestContext } from './gateway/call-metadata.js';
export { completion, type CompletionOptions } from './gateway/completion.js';
export { Cancellation } from './gateway/cancellation.js';
export { assistantMessage, systemMessage, toolMessage, userMessage } from './gateway/message-helpers.js';
export {
  decodeGeminiCountTokensRequest,
  geminiBatchEmbedContentsCodec,
  geminiCodec,
  geminiEmbedContentCodec,
  geminiFormat,
  type GeminiEncoding,
} from './codecs/gemini/gemini-codec.js';
export { geminiErrorBody, geminiErrorBodyOf, geminiErrorStatus, type GeminiErrorBody } from './codecs/gemini/gemini-error-body.js';
export { GeminiStreamEncoder, type GeminiStreamFraming } from './codecs/gemini/gemini-stream-encoder.js';
