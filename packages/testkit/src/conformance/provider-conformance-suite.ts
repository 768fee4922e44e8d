import type { ConformanceTestApi } from './conformance-test-api.js';
import { createProviderHarness, type ProviderConformanceOptions } from './provider-conformance-harness.js';
import { registerProviderAbortTests } from './provider-abort-tests.js';
import { registerProviderCredentialTests } from './provider-credential-tests.js';
import { registerProviderEmbeddingTests } from './provider-embedding-tests.js';
import { registerProviderFailureTests } from './provider-failure-tests.js';
import { registerProviderGenerateTests } from './provider-generate-tests.js';
import { registerProviderStreamTests } from './provider-stream-tests.js';

/**
 * Registers tests proving that a `ProviderV1` behaves as the gateway expects, whatever wire format
 * it speaks: each test starts a fresh mock upstream from `options.upstream` (which turns canonical
 * scenarios into that wire format), creates the provider against it, and asserts canonical results
 * only — content parts, finish reasons, normalised usage, stream blocks, typed errors, aborts,
 * credentials and embeddings. Tests needing a scenario the mock cannot produce are skipped, saying so.
 *
 * ```ts
 * import { expect, it } from 'vitest';
 * providerConformanceSuite({ it, expect }, {
 *   name: 'example',
 *   modelId: 'example-large',
 *   upstream: exampleConformanceUpstream(),
 *   createProvider: ({ baseURL, apiKey, environment }) => createExampleProvider({ baseURL, apiKey, environment }),
 *   credential: { environmentVariable: 'EXAMPLE_API_KEY' },
 *   embeddings: { modelId: 'example-embed' },
 * });
 * ```
 */
export function providerConformanceSuite(api: ConformanceTestApi, options: ProviderConformanceOptions): void {
  const harness = createProviderHarness(api, options);
  const { expect, test } = harness;

  test('declares specification version v1 for the provider and its chat model', [], async (_upstream, provider) => {
    expect(provider.specificationVersion, 'provider.specificationVersion').toBe('v1');
    const model = provider.chat(options.modelId);
    expect(model.specificationVersion, 'model.specificationVersion').toBe('v1');
    expect(model.modelId, 'model.modelId').toBe(options.modelId);
  });

  if (harness.runs('generate')) registerProviderGenerateTests(harness);
  if (harness.runs('stream')) registerProviderStreamTests(harness);
  if (harness.runs('failures')) registerProviderFailureTests(harness);
  if (harness.runs('aborts')) registerProviderAbortTests(harness);
  if (harness.runs('credentials') && options.credential) {
    registerProviderCredentialTests(harness, options.credential.environmentVariable);
  }
  if (harness.runs('embeddings') && options.embeddings) registerProviderEmbeddingTests(harness, options.embeddings.modelId);
}
