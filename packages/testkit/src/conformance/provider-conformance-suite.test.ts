import { describe, expect, it } from 'vitest';
import { openAIConformanceUpstream } from '../openai/openai-conformance-upstream.js';
import { createFetchOpenAIProvider, type ProviderFaults } from '../test-fixtures/fetch-openai-provider.js';
import type { ConformanceTestBody } from './conformance-test-api.js';
import type { ProviderConformanceOptions } from './provider-conformance-harness.js';
import { providerConformanceSuite } from './provider-conformance-suite.js';

const suiteOptions = (faults: ProviderFaults = {}, overrides: Partial<ProviderConformanceOptions> = {}): ProviderConformanceOptions => ({
  name: 'fetch-openai',
  modelId: 'gpt-4.1-mini',
  upstream: openAIConformanceUpstream(),
  createProvider: ({ baseURL, apiKey, environment }) => createFetchOpenAIProvider({ baseURL, apiKey, environment, faults }),
  credential: { environmentVariable: 'OPENAI_API_KEY' },
  embeddings: { modelId: 'text-embedding-3-small' },
  // Short, so that the test of a provider that ignores aborts fails fast.
  settleTimeoutMs: 1500,
  ...overrides,
});

describe('providerConformanceSuite with a conformant provider on the OpenAI wire format', () => {
  providerConformanceSuite({ it, expect }, suiteOptions());
});

/** Registers the suite into a list instead of vitest, so that single tests can be run and expected to fail. */
function collectSuite(options: ProviderConformanceOptions): Map<string, ConformanceTestBody> {
  const tests = new Map<string, ConformanceTestBody>();
  providerConformanceSuite({ it: (name, body) => tests.set(name, body), expect }, options);
  return tests;
}

async function failureOf(faults: ProviderFaults, titlePart: string): Promise<string> {
  const entry = [...collectSuite(suiteOptions(faults))].find(([name]) => name.includes(titlePart));
  if (!entry) throw new Error(`no conformance test named like "${titlePart}"`);
  try {
    await entry[1]();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'passed';
}

describe('providerConformanceSuite catches broken providers', () => {
  it('registers every test once with the provider name, and only the areas asked for', () => {
    const names = [...collectSuite(suiteOptions()).keys()];
    expect(names).toHaveLength(19);
    expect(names.every((name) => name.startsWith('fetch-openai conformance: '))).toBe(true);
    const streamOnly = [...collectSuite(suiteOptions({}, { areas: ['stream'] })).keys()];
    expect(streamOnly).toHaveLength(4);
    expect(streamOnly.slice(1).every((name) => name.includes('stream'))).toBe(true);
  });

  it('skips, with a title saying so, the tests whose scenario the mock cannot produce', async () => {
    const upstream = {
      ...openAIConformanceUpstream(),
      wireFormat: 'limited',
      limitations: { scenarios: ['slow', 'stream-error'] as const },
    };
    const tests = collectSuite(suiteOptions({}, { upstream }));
    const skipped = [...tests.keys()].filter((name) => name.includes('(skipped: the limited mock cannot produce'));
    expect(skipped).toHaveLength(2);
    expect(skipped.some((name) => name.includes('slow stream') && name.endsWith('cannot produce slow)'))).toBe(true);
    expect(skipped.some((name) => name.includes('error event') && name.endsWith('cannot produce stream-error)'))).toBe(true);
    const skips: string[] = [];
    const skip = (name: string) => void skips.push(name);
    providerConformanceSuite({ it: Object.assign(() => {}, { skip }), expect }, suiteOptions({}, { upstream }));
    expect(skips).toEqual(skipped);
  });

  it('passes the conformant provider when run through the collecting runner too', async () => {
    expect(await failureOf({}, 'stream yields text')).toBe('passed');
  });

  it('fails a provider whose stream finish carries no usage', async () => {
    expect(await failureOf({ omitIncludeUsage: true }, 'stream yields text')).toMatch(/finish usage/);
  });

  it('fails a provider that reports a dropped stream as a finish', async () => {
    expect(await failureOf({ finishOnDrop: true }, 'dropped mid-stream')).toMatch(/error parts/);
  });

  it('fails a provider that ignores an error event inside the stream', async () => {
    expect(await failureOf({ ignoreErrorEvents: true }, 'error event inside the stream')).toMatch(/error parts/);
  });

  it('fails a provider that ignores the abort signal', async () => {
    expect(await failureOf({ ignoreSignal: true }, 'hangs before answering')).toMatch(/neither resolved nor rejected/);
  });

  it('fails a provider that ignores retry-after', async () => {
    expect(await failureOf({ ignoreRetryAfter: true }, 'a 429')).toMatch(/retryAfterMs/);
  });

  it('fails a provider that leaves cached tokens out of inputTokens', async () => {
    expect(await failureOf({ inputWithoutCache: true }, 'generate normalises usage')).toMatch(/inputTokens includes cache/);
    expect(await failureOf({ inputWithoutCache: true }, 'stream finishes with usage')).toMatch(/inputTokens includes cache/);
  });

  it('fails a provider that loses the raw finish reason', async () => {
    expect(await failureOf({ dropRawFinishReason: true }, 'generate returns the text')).toMatch(/finishReason/);
  });

  it('fails a provider that streams text deltas outside a started block', async () => {
    expect(await failureOf({ skipTextStart: true }, 'stream yields text')).toMatch(/stream rule breaches/);
  });

  it('fails a provider that gives parallel tool calls the same id', async () => {
    expect(await failureOf({ reuseToolCallIds: true }, 'generate returns text then parallel tool calls')).toMatch(/distinct tool call ids/);
    expect(await failureOf({ reuseToolCallIds: true }, 'stream delivers parallel tool calls')).toMatch(/stream rule breaches|distinct/);
  });
});
