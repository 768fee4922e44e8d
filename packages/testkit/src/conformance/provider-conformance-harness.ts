import type { ChatRequest, ProviderV1 } from '@modelgate/core';
import { startMockOpenAI, type MockOpenAIServer } from '../openai/start-mock-openai.js';
import type { RecordedRequest } from '../request-recorder.js';
import type { ConformanceExpect, ConformanceIt, ConformanceTestApi } from './conformance-test-api.js';

export interface ProviderConformanceContext {
  /** The mock upstream's OpenAI base URL (`http://127.0.0.1:PORT/v1`). */
  baseURL: string;
  /** The key to put in the provider's settings; empty in the missing-credential tests. */
  apiKey: string;
  /** The environment the provider must read instead of `process.env`. */
  environment: Record<string, string | undefined>;
}

export interface ProviderConformanceOptions {
  /** Shown in the test names. */
  name: string;
  /** The deployment model id passed to `provider.chat(modelId)`. */
  modelId: string;
  createProvider(context: ProviderConformanceContext): ProviderV1 | Promise<ProviderV1>;
  /** The model for the embeddings test (run only when the provider has `embeddings`); `false` leaves it out. */
  embeddings?: { modelId: string } | false;
  /** The environment variable the provider reads its key from; `false` or absent leaves the credential tests out. */
  credential?: { environmentVariable: string } | false;
  /** Time limit of each test in milliseconds. Default 20000. */
  testTimeoutMs?: number;
  /**
   * How long a call may take to settle after its signal is aborted or its upstream fails, before
   * the test fails instead of hanging. Default 5000.
   */
  settleTimeoutMs?: number;
}

/** What the parts of the provider suite share: the runner, the options and a mock per test. */
export interface ProviderHarness {
  it: ConformanceIt;
  expect: ConformanceExpect;
  options: ProviderConformanceOptions;
  /** The key the mock upstream expects. */
  apiKey: string;
  testTimeoutMs: number;
  settleTimeoutMs: number;
  /** The test name, prefixed with the provider name. */
  title(text: string): string;
  /** Starts a mock, creates the provider against it, runs `body`, then closes both. */
  withProvider(
    body: (mock: MockOpenAIServer, provider: ProviderV1) => Promise<void>,
    context?: Partial<Omit<ProviderConformanceContext, 'baseURL'>>,
  ): Promise<void>;
}

const conformanceApiKey = 'sk-modelgate-conformance-0123456789';

export function createProviderHarness(test: ConformanceTestApi, options: ProviderConformanceOptions): ProviderHarness {
  return {
    it: test.it,
    expect: test.expect,
    options,
    apiKey: conformanceApiKey,
    testTimeoutMs: options.testTimeoutMs ?? 20_000,
    settleTimeoutMs: options.settleTimeoutMs ?? 5000,
    title: (text) => `${options.name} conformance: ${text}`,
    withProvider: async (body, context = {}) => {
      const mock = await startMockOpenAI({ apiKey: conformanceApiKey });
      let provider: ProviderV1 | undefined;
      try {
        provider = await options.createProvider({
          baseURL: mock.baseURL,
          apiKey: context.apiKey ?? conformanceApiKey,
          environment: context.environment ?? {},
        });
        await body(mock, provider);
      } finally {
        await provider?.close?.();
        await mock.close();
      }
    },
  };
}

/** A small chat request; its `model` is a client-facing alias the provider must replace with its deployment id. */
export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'conformance-client-alias',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Say hello to the conformance suite.' },
    ],
    ...overrides,
  };
}

/** The parsed JSON body of a recorded request, or an empty object. */
export function bodyOf(request: RecordedRequest | undefined): Record<string, unknown> {
  const body = request?.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
