export type {
  AssistantMessage,
  AudioContentPart,
  ChatChoice,
  ChatChunkChoice,
  ChatCompletion,
  ChatCompletionChunk,
  ChatDelta,
  ChatMessage,
  ChatRequest,
  ChatRole,
  ContentPart,
  FileContentPart,
  FinishReason,
  FunctionTool,
  ImageContentPart,
  TextContentPart,
  ToolCall,
  ToolCallDelta,
  ToolChoice,
  Usage,
} from './specification/chat-types.js';
export type { Embedding, EmbeddingRequest, EmbeddingResponse } from './specification/embedding-types.js';
export type {
  CallOptions,
  ChatModelV1,
  ChatResultV1,
  ChatStreamEventV1,
  ChatStreamV1,
  EmbeddingModelV1,
  HealthStatusV1,
  ModelInfoV1,
  ProviderV1,
  UpstreamMetadata,
} from './specification/provider-v1.js';
export type {
  DeploymentStatsV1,
  DeploymentV1,
  RouterStrategyV1,
  RoutingCandidateV1,
  RoutingContextV1,
} from './specification/router-strategy-v1.js';
export type { Principal } from './specification/principal.js';
export type { AuthRequestV1, AuthV1 } from './specification/auth-v1.js';
export type { StateV1, StorageV1, StoredRecordV1 } from './specification/storage-v1.js';
export type { JsonRpcMessage, McpTransportFactoryV1, McpTransportV1 } from './specification/mcp-transport-v1.js';
export type { A2aAdapterV1, A2aAgentCard, A2aMessage, A2aTask } from './specification/a2a-adapter-v1.js';
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
export { formatPath, formatZodIssues, type FormattedIssue } from './config/format-zod-issues.js';
export type { UnsetReference } from './config/interpolate-environment.js';
export { findUnsetCredentials } from './config/find-unset-credentials.js';

export { redactedMarker, SecretRedactor } from './security/secret-redactor.js';
export { collectConfiguredSecrets, credentialSettingName } from './security/collect-configured-secrets.js';
export { createSecretRedactor } from './security/create-secret-redactor.js';

export { ModelRegistry, type ModelGroup } from './models/model-registry.js';
export { Router, type AttemptContext, type RouteResult, type RouterOptions } from './router/router.js';
export { weightedStrategy } from './router/weighted-strategy.js';

export { chatRequestSchema, embeddingRequestSchema } from './validation/chat-request-schema.js';
export { validateRequest } from './validation/validate-request.js';

export { createGateway, type CreateGatewayOptions } from './gateway/create-gateway.js';
export { Gateway, type ChatCompletionStream, type GatewayParts, type PublicModel } from './gateway/gateway.js';
export type { CallMetadata, ChatOutcome, RequestContext } from './gateway/call-metadata.js';
export { completion, type CompletionOptions } from './gateway/completion.js';
export { Cancellation } from './gateway/cancellation.js';
export { assistantMessage, systemMessage, toolMessage, userMessage } from './gateway/message-helpers.js';
