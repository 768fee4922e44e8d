import { describe, expect, it } from 'vitest';
import { createFetchOpenAIProvider, type ProviderFaults } from '../test-fixtures/fetch-openai-provider.js';
import type { ProviderConformanceOptions } from './provider-conformance-harness.js';
import { providerConformanceSuite } from './provider-conformance-suite.js';

const suiteOptions = (faults: ProviderFaults = {}): ProviderConformanceOptions => ({
  name: 'fetch-openai',
  modelId: 'gpt-4.1-mini',
  createProvider: ({ baseURL, apiKey, environment }) => createFetchOpenAIProvider({ baseURL, apiKey, environment, faults }),
  credential: { environmentVariable: 'OPENAI_API_KEY' },
  // Short, so that the test of a provider that ignores aborts fails fast.
  settleTimeoutMs: 1500,
});

describe('providerConformanceSuite with a conformant provider', () => {
  providerConformanceSuite({ it, expect }, suiteOptions());
});

/** Registers the suite into a list instead of vitest, so that single tests can be run and expected to fail. */
function collectSuite(faults: ProviderFaults): Map<string, () => Promise<void>> {
  const tests = new Map<string, () => Promise<void>>();
  providerConformanceSuite({ it: (name, body) => tests.set(name, body), expect }, suiteOptions(faults));
  return tests;
}

async function failureOf(faults: ProviderFaults, titlePart: string): Promise<string> {
  const entry = [...collectSuite(faults)].find(([name]) => name.includes(titlePart));
  if (!entry) throw new Error(`no conformance test named like "${titlePart}"`);
  try {
    await entry[1]();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'passed';
}

describe('providerConformanceSuite catches broken providers', () => {
  it('registers every test once with the provider name', () => {
    const names = [...collectSuite({}).keys()];
    expect(names).toHaveLength(14);
    expect(names.every((name) => name.startsWith('fetch-openai conformance: '))).toBe(true);
  });

  it('fails a provider that does not ask upstream for usage', async () => {
    expect(await failureOf({ omitIncludeUsage: true }, 'stream yields the text')).toMatch(/finish usage prompt_tokens|stream_options/);
  });

  it('fails a provider that reports a dropped stream as a finish', async () => {
    expect(await failureOf({ finishOnDrop: true }, 'dropped mid-stream')).toMatch(/error events|finish events/);
  });

  it('fails a provider that ignores the abort signal', async () => {
    expect(await failureOf({ ignoreSignal: true }, 'while upstream hangs')).toMatch(/neither resolved nor rejected/);
  });

  it('fails a provider that renumbers tool calls', async () => {
    expect(await failureOf({ resetToolIndexes: true }, 'indexes 0 and 1')).toMatch(/tool call indexes/);
  });

  it('fails a provider that ignores retry-after', async () => {
    expect(await failureOf({ ignoreRetryAfter: true }, 'a 429')).toMatch(/retryAfterMs/);
  });
});
