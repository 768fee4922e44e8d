import type { ChatRequestV1, ProviderV1 } from '@modelgate/core';
import type { RecordedRequest } from '../request-recorder.js';
import type { ConformanceExpect, ConformanceTestApi, ConformanceTestBody } from './conformance-test-api.js';
import type { ConformanceScenarioType, ConformanceUpstream, ConformanceUpstreamDefinition } from './conformance-upstream.js';

export interface ProviderConformanceContext {
  /** The mock upstream's base URL, to put in the provider's settings. */
  baseURL: string;
  /** The key to put in the provider's settings; empty in the credential tests. */
  apiKey: string;
  /** The environment the provider must read instead of `process.env`. */
  environment: Record<string, string | undefined>;
}

/** Groups of tests; a provider without an HTTP upstream (or without some ability) runs the groups that apply. */
export type ConformanceArea = 'generate' | 'stream' | 'failures' | 'aborts' | 'credentials' | 'embeddings';

export const conformanceAreas: readonly ConformanceArea[] = ['generate', 'stream', 'failures', 'aborts', 'credentials', 'embeddings'];

export interface ProviderConformanceOptions {
  /** Shown in the test names. */
  name: string;
  /** The deployment model id passed to `provider.chat(modelId)`; the upstream must receive it. */
  modelId: string;
  /** The provider's mock upstream, speaking its own wire format (`openAIConformanceUpstream()`…). */
  upstream: ConformanceUpstreamDefinition;
  createProvider(context: ProviderConformanceContext): ProviderV1 | Promise<ProviderV1>;
  /** The model for the embeddings tests (run when the provider has `embeddings`); `false` leaves them out. */
  embeddings?: { modelId: string } | false;
  /** The environment variable the provider reads its key from; `false` or absent leaves the credential tests out. */
  credential?: { environmentVariable: string } | false;
  /** The groups to run. Default: all of them. */
  areas?: readonly ConformanceArea[];
  /** Time limit of each test in milliseconds. Default 20000. */
  testTimeoutMs?: number;
  /**
   * How long a call may take to settle after its signal is aborted or its upstream fails, before
   * the test fails instead of hanging. Default 5000.
   */
  settleTimeoutMs?: number;
}

/** Replaces the key or the environment the provider is created with, knowing the upstream's key. */
export type ContextOverride = (upstream: ConformanceUpstream) => Partial<Omit<ProviderConformanceContext, 'baseURL'>>;

export type ProviderTestBody = (upstream: ConformanceUpstream, provider: ProviderV1) => Promise<void>;

/** What the parts of the provider suite share: the runner, the options and an upstream per test. */
export interface ProviderHarness {
  expect: ConformanceExpect;
  options: ProviderConformanceOptions;
  testTimeoutMs: number;
  settleTimeoutMs: number;
  /** Whether a group is to run. */
  runs(area: ConformanceArea): boolean;
  /**
   * Registers a test named `text` (prefixed with the provider name) running `body` against a fresh
   * upstream and provider, or a skipped one when the upstream cannot produce one of `needs`.
   */
  test(text: string, needs: readonly ConformanceScenarioType[], body: ProviderTestBody, context?: ContextOverride): void;
}

export function createProviderHarness(api: ConformanceTestApi, options: ProviderConformanceOptions): ProviderHarness {
  const testTimeoutMs = options.testTimeoutMs ?? 20_000;
  const areas = new Set(options.areas ?? conformanceAreas);
  const cannot = new Set(options.upstream.limitations?.scenarios ?? []);

  async function withProvider(body: ProviderTestBody, override: ContextOverride | undefined): Promise<void> {
    const upstream = await options.upstream.start();
    let provider: ProviderV1 | undefined;
    try {
      const context = override?.(upstream) ?? {};
      provider = await options.createProvider({
        baseURL: upstream.baseURL,
        apiKey: context.apiKey ?? upstream.apiKey,
        environment: context.environment ?? {},
      });
      await body(upstream, provider);
    } finally {
      await provider?.close?.();
      await upstream.close();
    }
  }

  return {
    expect: api.expect,
    options,
    testTimeoutMs,
    settleTimeoutMs: options.settleTimeoutMs ?? 5000,
    runs: (area) => areas.has(area),
    test: (text, needs, body, context) => {
      const title = `${options.name} conformance: ${text}`;
      const missing = needs.filter((type) => cannot.has(type));
      if (missing.length > 0) {
        const skipped = `${title} (skipped: the ${options.upstream.wireFormat} mock cannot produce ${missing.join(', ')})`;
        const empty: ConformanceTestBody = async () => {};
        // A scenario this wire format cannot express is reported as skipped, with the reason in its title.
        if (api.it.skip) api.it.skip(skipped, empty);
        else api.it(skipped, empty);
        return;
      }
      api.it(title, () => withProvider(body, context), testTimeoutMs);
    },
  };
}

/** A small chat request; its `model` is a client-facing alias the provider must replace with its deployment id. */
export function chatRequest(overrides: Partial<ChatRequestV1> = {}): ChatRequestV1 {
  return {
    model: 'conformance-client-alias',
    messages: [
      { role: 'system', content: [{ type: 'text', text: 'You are terse.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Say hello to the conformance suite.' }] },
    ],
    maxOutputTokens: 64,
    ...overrides,
  };
}

/** The request body as received, for "the prompt reached the upstream" checks. */
export function rawBodyOf(request: RecordedRequest | undefined): string {
  return request?.rawBody ?? '';
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
