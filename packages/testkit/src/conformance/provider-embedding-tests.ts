import { mockEmbedding } from '../openai/mock-embedding.js';
import { describeError, type ProviderHarness } from './provider-conformance-harness.js';

/** Embeddings: one vector per value, in order, the deployment model and the credential sent upstream. */
export function registerProviderEmbeddingTests(harness: ProviderHarness, embeddingModelId: string): void {
  const { expect, test } = harness;

  test('embeddings return one vector per value, in order', [], async (upstream, provider) => {
    expect(typeof provider.embeddings, 'provider.embeddings').toBe('function');
    if (!provider.embeddings) return;
    const values = ['first document', 'second document', 'third document'];
    const { response } = await provider
      .embeddings(embeddingModelId)
      .embed({ model: 'conformance-embedding-alias', values }, {})
      .catch((error: unknown) => {
        throw new Error(`embed rejected with ${describeError(error)}`, { cause: error });
      });
    expect(response.embeddings, 'embeddings').toHaveLength(values.length);
    values.forEach((value, index) => {
      const vector = response.embeddings[index] ?? [];
      expect(vector.length, `the length of embedding ${index}`).toBeGreaterThan(0);
      expect(vector, `embedding ${index}`).toEqual(mockEmbedding(value, vector.length));
    });
    const [request] = upstream.requests;
    expect(request !== undefined && upstream.hasCredential(request), 'the request carried the credential').toBe(true);
    expect(request === undefined ? undefined : upstream.modelOf(request), 'the model sent upstream').toBe(embeddingModelId);
  });
}
