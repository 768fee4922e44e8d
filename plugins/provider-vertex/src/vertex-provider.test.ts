import { MissingCredentialError, UpstreamError, type ChatRequestV1 } from '@modelgate/core';
import { startMockVertex, type MockVertex } from '@modelgate/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVertexProvider } from './create-vertex-provider.js';
import { defaultVertexBaseURL } from './vertex-endpoint.js';

let vertex: MockVertex;
let clock: number;

beforeEach(async () => {
  clock = Date.parse('2026-03-01T10:00:00Z');
  vertex = await startMockVertex({ expiresInSeconds: 3600, now: () => Math.floor(clock / 1000) });
});

afterEach(async () => {
  await vertex.close();
});

const request: ChatRequestV1 = { model: 'alias', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello there.' }] }] };

function provider(overrides: Parameters<typeof createVertexProvider>[0] = {}) {
  return createVertexProvider({
    baseURL: vertex.api.baseURL,
    credentialsFile: vertex.keyFile,
    location: vertex.location,
    now: () => clock,
    ...overrides,
  });
}

describe('vertex access tokens', () => {
  it('signs one JWT for concurrent calls, reuses the token, and refreshes it before it expires', async () => {
    const vertexProvider = provider();
    const model = vertexProvider.chat('gemini-2.5-flash');
    await Promise.all([model.generate(request, {}), model.generate(request, {}), model.generate(request, {})]);
    expect(vertex.oauth.requests).toHaveLength(1);
    clock += 50 * 60 * 1000; // 50 minutes: still more than 5 minutes left
    await model.generate(request, {});
    expect(vertex.oauth.requests).toHaveLength(1);
    clock += 6 * 60 * 1000; // 56 minutes: inside the refresh margin
    await model.generate(request, {});
    expect(vertex.oauth.requests).toHaveLength(2);
    const tokens = vertex.api.requests.map((sent) => sent.headers.authorization);
    expect(new Set(tokens.slice(0, 4)).size).toBe(1);
    expect(tokens[4]).not.toBe(tokens[0]);
    // The mock verified each assertion's RS256 signature and claims; these are what it accepted.
    expect(vertex.oauth.accepted[0]).toMatchObject({
      iss: vertex.key.client_email,
      aud: vertex.oauth.tokenURI,
      scope: 'https://www.googleapis.com/auth/cloud-platform',
    });
    await vertexProvider.close();
  });

  it('refuses a key signed by another private key, with the upstream authentication error, and does not cache the failure', async () => {
    const other = await startMockVertex();
    const impostor = { ...other.key, client_email: vertex.key.client_email, token_uri: vertex.oauth.tokenURI };
    await other.close();
    const vertexProvider = provider({ credentialsFile: undefined, credentials: JSON.stringify(impostor) });
    const error = await vertexProvider
      .chat('gemini-2.5-flash')
      .generate(request, {})
      .catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 502, code: 'upstream_authentication_error', isRetryable: false });
    expect((error as Error).message).toContain('Invalid JWT Signature');
    expect((error as Error).message).not.toContain('PRIVATE KEY');
    expect(vertex.api.requests).toHaveLength(0);
    await vertexProvider
      .chat('gemini-2.5-flash')
      .generate(request, {})
      .catch(() => undefined);
    expect(vertex.oauth.requests).toHaveLength(2);
    await vertexProvider.close();
  });

  it('reads no key and sends nothing when none is configured', async () => {
    const vertexProvider = createVertexProvider({
      baseURL: vertex.api.baseURL,
      environment: { GOOGLE_APPLICATION_CREDENTIALS: vertex.keyFile },
    });
    // GOOGLE_APPLICATION_CREDENTIALS is for Google's own host: not used for another base URL.
    const error = await vertexProvider
      .chat('gemini-2.5-flash')
      .generate(request, {})
      .catch((caught: unknown) => caught);
    expect(MissingCredentialError.isInstance(error)).toBe(true);
    expect(vertexProvider.describeCredentials()).toEqual({
      state: 'missing',
      environmentVariable: 'GOOGLE_APPLICATION_CREDENTIALS',
      setting: 'providers.vertex.credentials_file',
    });
    expect(vertex.oauth.requests).toHaveLength(0);
    await vertexProvider.close();
  });
});

describe('vertex requests', () => {
  it('calls the project and location paths, counts tokens with the plain body, and embeds with :predict', async () => {
    const vertexProvider = provider();
    await vertexProvider.chat('gemini-2.5-flash').generate({ ...request, metadata: { team: 'search' } }, {});
    expect(vertex.api.requests[0]?.path).toBe(
      `/v1/projects/${vertex.project}/locations/${vertex.location}/publishers/google/models/gemini-2.5-flash:generateContent`,
    );
    expect(vertex.api.requests[0]?.body).toMatchObject({ labels: { team: 'search' } });
    const count = await vertexProvider.chat('gemini-2.5-flash').countTokens!(request, {});
    expect(count).toEqual({ inputTokens: 2, source: 'provider' });
    expect(vertex.api.requests[1]?.body).toEqual({ contents: [{ role: 'user', parts: [{ text: 'Hello there.' }] }] });
    const { response } = await vertexProvider
      .embeddings('text-embedding-005')
      .embed({ model: 'e', values: ['one two', 'three'], dimensions: 8 }, {});
    expect(response.embeddings.map((vector) => vector.length)).toEqual([8, 8]);
    expect(response.usage).toEqual({ inputTokens: 3 });
    expect(vertex.api.requests[2]?.body).toEqual({
      instances: [{ content: 'one two' }, { content: 'three' }],
      parameters: { outputDimensionality: 8 },
    });
    await vertexProvider.embeddings('gemini-embedding-001').embed({ model: 'e', values: ['a', 'b'] }, {});
    expect(vertex.api.requests.slice(3).map((sent) => (sent.body as { instances: unknown[] }).instances.length)).toEqual([1, 1]);
    expect(await vertexProvider.checkHealth({})).toMatchObject({ healthy: true });
    expect(vertexProvider.modelMetadata('gemini-2.5-flash')?.prices?.outputPerMillion).toBe(2.5);
    await vertexProvider.close();
  });

  it('uses the regional host by default and the global host for location global', () => {
    expect(defaultVertexBaseURL('europe-west4')).toBe('https://europe-west4-aiplatform.googleapis.com/v1');
    expect(defaultVertexBaseURL('global')).toBe('https://aiplatform.googleapis.com/v1');
  });

  it('answers a wrong project with Google 403 as the upstream authentication error', async () => {
    const vertexProvider = provider({ project: 'someone-else' });
    const error = await vertexProvider
      .chat('gemini-2.5-flash')
      .generate(request, {})
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ upstreamStatus: 403, code: 'upstream_authentication_error' });
    await vertexProvider.close();
  });
});
