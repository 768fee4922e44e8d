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

export { providerConformanceSuite } from './conformance/provider-conformance-suite.js';
export type {
  ProviderConformanceContext,
  ProviderConformanceOptions,
} from './conformance/provider-conformance-harness.js';
export type {
  ConformanceAssertion,
  ConformanceExpect,
  ConformanceIt,
  ConformanceTestApi,
} from './conformance/conformance-test-api.js';
export { captureRejection } from './conformance/capture-rejection.js';
export {
  collectStreamEvents,
  finishReasons,
  joinedContent,
  toolCallDeltas,
  type CollectedStream,
  type CollectOptions,
} from './conformance/collect-stream-events.js';
