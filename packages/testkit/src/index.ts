export { RequestRecorder, type RecordedRequest, type WaitOptions } from './request-recorder.js';

export { startMockOpenAI, type MockOpenAIOptions, type MockOpenAIServer } from './openai/start-mock-openai.js';
export {
  defaultMockContent,
  defaultMockScenario,
  defaultMockToolCalls,
  mockScenarioPrefix,
  scenarioFromModel,
  type MockFinishReason,
  type MockScenario,
  type MockScenarioType,
  type MockToolCall,
  type MockUsage,
} from './openai/mock-scenario.js';
export {
  defaultEmbeddingDimensions,
  encodeEmbeddingBase64,
  mockEmbedding,
} from './openai/mock-embedding.js';
export { openAIErrorBody, type OpenAIErrorBody } from './openai/openai-error-body.js';
export { splitFragments } from './openai/split-fragments.js';
export {
  openAIConformanceUpstream,
  openAIMockScenario,
  type OpenAIConformanceUpstreamOptions,
} from './openai/openai-conformance-upstream.js';

export { exampleConformanceUpstream } from './example/example-conformance-upstream.js';
export { exampleKeyHeader, startExampleUpstream, type ExampleUpstreamOptions } from './example/start-example-upstream.js';
export { exampleAnswerLines, exampleWireUsage, type ExampleWireLine, type ExampleWireUsage } from './example/example-wire-lines.js';

export type {
  ConformanceScenario,
  ConformanceScenarioType,
  ConformanceToolCall,
  ConformanceUpstream,
  ConformanceUpstreamDefinition,
  ConformanceUpstreamLimitations,
  ConformanceUsage,
  ConformanceUsageDetail,
} from './conformance/conformance-upstream.js';
export { providerConformanceSuite } from './conformance/provider-conformance-suite.js';
export {
  conformanceAreas,
  type ConformanceArea,
  type ContextOverride,
  type ProviderConformanceContext,
  type ProviderConformanceOptions,
} from './conformance/provider-conformance-harness.js';
export type {
  ConformanceAssertion,
  ConformanceExpect,
  ConformanceIt,
  ConformanceTestApi,
  ConformanceTestBody,
} from './conformance/conformance-test-api.js';
export { captureRejection } from './conformance/capture-rejection.js';
export {
  collectStreamParts,
  partsOfType,
  streamedText,
  streamedToolCalls,
  type CollectedStream,
  type CollectOptions,
} from './conformance/collect-stream-parts.js';
export { streamPartProblems } from './conformance/stream-part-problems.js';
export { summarizeContent } from './conformance/canonical-summary.js';

export { translationMatrix, type TranslationCase } from './translation/translation-matrix.js';
export { recordOutgoingBodies, type OutgoingBody, type RecordOutgoingBodiesOptions } from './translation/record-outgoing-bodies.js';

export {
  startRecordingServer,
  type MockExchange,
  type RecordingServer,
  type RecordingServerOptions,
} from './mock-server/start-recording-server.js';
export { parseJsonOrUndefined, readBody } from './mock-server/read-body.js';
export { pause, writeChunk, writeChunks } from './mock-server/write-chunks.js';
export { mockSpeechAudio, mockTranscript, type OpenAIEndpoint } from './openai/serve-openai-endpoints.js';

export { startMockCohere, type MockCohereOptions } from './cohere/start-mock-cohere.js';
export { cohereConformanceUpstream, type CohereConformanceUpstreamOptions } from './cohere/cohere-conformance-upstream.js';
export { cohereRerankBody, mockRelevanceScore } from './cohere/cohere-rerank-body.js';
export {
  cohereAnswer,
  cohereBodyEvents,
  cohereChatBody,
  cohereErrorBody,
  cohereMessageEnd,
  cohereServerSentEvent,
  cohereWireUsage,
  unbilledInputTokens,
  unbilledOutputTokens,
  type CohereAnswer,
  type CohereStreamEvent,
  type CohereWireToolCall,
  type CohereWireUsage,
} from './cohere/cohere-wire.js';

export { startMockBedrock, type MockBedrockOptions, type MockBedrockServer } from './bedrock/start-mock-bedrock.js';
export {
  bedrockConformanceUpstream,
  bedrockTestCredentials,
  type BedrockConformanceUpstreamOptions,
} from './bedrock/bedrock-conformance-upstream.js';
export { encodeBedrockFrame, type BedrockStreamEvent } from './bedrock/bedrock-event-frames.js';
export { bedrockWireUsage, converseAnswer, converseStreamEvents } from './bedrock/bedrock-wire-answers.js';
export { verifySigV4, type MockAwsCredentials, type SigV4Refusal } from './bedrock/verify-sigv4.js';

export { startMockGemini, geminiRouteOf, type MockGeminiOptions, type MockGeminiServer } from './gemini/start-mock-gemini.js';
export type { GeminiMockScenario } from './gemini/gemini-mock-scenario.js';
export { geminiChunks, geminiResponse, usageMetadata as geminiUsageMetadata, type GeminiWireResponse } from './gemini/gemini-answer.js';
export {
  googleErrorBody,
  googleStatusName,
  invalidApiKeyBody as geminiInvalidApiKeyBody,
  missingApiKeyBody as geminiMissingApiKeyBody,
  resourceExhaustedBody,
  unauthenticatedBody as vertexUnauthenticatedBody,
  type GoogleErrorBody,
} from './gemini/google-error-body.js';
export {
  geminiConformanceUpstream,
  googleConformanceLimitations,
  googleModelOf,
  type GeminiConformanceUpstreamOptions,
} from './gemini/gemini-conformance-upstream.js';
export {
  startMockVertex,
  vertexConformanceLocation,
  vertexConformanceProject,
  vertexConformanceUpstream,
  type MockVertex,
} from './gemini/vertex-conformance-upstream.js';
export { startMockGoogleOAuth, type MockGoogleOAuthOptions, type MockGoogleOAuthServer } from './gemini/start-mock-google-oauth.js';
export { createTestServiceAccount, type ServiceAccountKey, type TestServiceAccount } from './gemini/test-service-account.js';
