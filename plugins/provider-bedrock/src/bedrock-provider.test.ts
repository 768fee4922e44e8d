import {
  ContextWindowExceededError,
  InvalidRequestError,
  MissingCredentialError,
  ModelNotFoundError,
  UpstreamError,
  type ChatRequestV1,
} from '@modelgate/core';
import { bedrockTestCredentials, startMockBedrock, type MockBedrockServer } from '@modelgate/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createBedrockProvider } from './create-bedrock-provider.js';
import { mapBedrockError } from './map-bedrock-error.js';
import { servePixel } from './test-fixtures/serve-pixel.js';

const session = { ...bedrockTestCredentials, sessionToken: 'IQoJb3JpZ2luX2VjEMODELGATE//session-token-0001' };
const modelId = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const hello: ChatRequestV1 = { model: 'alias', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi.' }] }] };

let mock: MockBedrockServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('SigV4 signing', () => {
  it('signs with a session token from the environment, read at call time, and the region from AWS_REGION', async () => {
    mock = await startMockBedrock({ credentials: session, region: 'eu-west-1' });
    const environment: Record<string, string | undefined> = {};
    const provider = createBedrockProvider({ baseURL: mock.baseURL, environment });
    const model = provider.chat(modelId);
    // Nothing is set yet: the call fails before sending, naming the settings and the variable.
    const missing = await model.generate(hello, {}).catch((error: unknown) => error);
    expect(MissingCredentialError.isInstance(missing)).toBe(true);
    expect(String((missing as Error).message)).toContain('AWS_ACCESS_KEY_ID');
    expect(mock.requests).toHaveLength(0);

    Object.assign(environment, {
      AWS_ACCESS_KEY_ID: session.accessKeyId,
      AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
      AWS_SESSION_TOKEN: session.sessionToken,
      AWS_REGION: 'eu-west-1',
    });
    const { response } = await model.generate(hello, {});
    expect(response.content).toEqual([{ type: 'text', text: 'Hello from the Bedrock mock.' }]);
    const [request] = mock.requests;
    expect(request?.headers['x-amz-security-token']).toBe(session.sessionToken);
    expect(String(request?.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAMODELGATETEST001\/\d{8}\/eu-west-1\/bedrock\/aws4_request, SignedHeaders=[a-z;-]*x-amz-security-token/,
    );
    expect(request?.path).toBe('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse');
    expect(request && (await mock.isAuthorized(request))).toBe(true);
  });

  it('is refused with a wrong session token or a wrong secret of the right length: an upstream-authentication 502, not retried as a 403', async () => {
    mock = await startMockBedrock({ credentials: session });
    const wrongSecret = `${session.secretAccessKey.slice(0, -1)}X`;
    for (const credentials of [
      { ...session, sessionToken: `${session.sessionToken.slice(0, -1)}2` },
      { ...session, secretAccessKey: wrongSecret },
      { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey },
    ]) {
      const provider = createBedrockProvider({ baseURL: mock.baseURL, region: 'us-east-1', ...credentials });
      const error = await provider
        .chat(modelId)
        .generate(hello, {})
        .catch((failure: unknown) => failure);
      expect(UpstreamError.isInstance(error)).toBe(true);
      if (!UpstreamError.isInstance(error)) return;
      expect(error.upstreamStatus).toBe(403);
      expect(error.status).toBe(502);
      expect(error.code).toBe('upstream_authentication_error');
      expect(error.message).not.toContain(credentials.secretAccessKey);
    }
  });

  it('sends an API key from AWS_BEARER_TOKEN_BEDROCK as Bearer, preferred over a key pair, and never signs it', async () => {
    mock = await startMockBedrock({ credentials: bedrockTestCredentials, apiKey: 'ABSK-test-key' });
    const provider = createBedrockProvider({
      baseURL: mock.baseURL,
      region: 'us-east-1',
      environment: { AWS_BEARER_TOKEN_BEDROCK: 'ABSK-test-key', AWS_ACCESS_KEY_ID: 'AKIAOTHER', AWS_SECRET_ACCESS_KEY: 'other' },
    });
    expect(provider.describeCredentials?.()).toEqual({
      state: 'set',
      environmentVariable: 'AWS_BEARER_TOKEN_BEDROCK',
      setting: 'providers.bedrock.api_key',
    });
    await provider.chat(modelId).generate(hello, {});
    expect(mock.requests[0]?.headers.authorization).toBe('Bearer ABSK-test-key');
    expect(mock.requests[0]?.headers['x-amz-date']).toBeUndefined();
  });

  it('signs with a key pair written in the settings even when AWS_BEARER_TOKEN_BEDROCK is set', async () => {
    mock = await startMockBedrock({ credentials: bedrockTestCredentials, apiKey: 'ABSK-ambient-key' });
    const provider = createBedrockProvider({
      baseURL: mock.baseURL,
      region: 'us-east-1',
      accessKeyId: bedrockTestCredentials.accessKeyId,
      secretAccessKey: bedrockTestCredentials.secretAccessKey,
      environment: { AWS_BEARER_TOKEN_BEDROCK: 'ABSK-ambient-key' },
    });
    await provider.chat(modelId).generate(hello, {});
    expect(mock.requests[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
    expect(JSON.stringify(mock.requests[0]?.headers)).not.toContain('ABSK-ambient-key');
  });

  it('describes missing credentials without a call', () => {
    const provider = createBedrockProvider({ environment: {} });
    expect(provider.describeCredentials?.()).toMatchObject({ state: 'missing', environmentVariable: 'AWS_ACCESS_KEY_ID' });
  });
});

describe('Bedrock errors', () => {
  const map = (errorType: string, message: string, status?: number) =>
    mapBedrockError({
      ...(status === undefined ? {} : { status }),
      errorType,
      body: JSON.stringify({ message }),
      provider: 'bedrock',
      model: 'm',
    });

  it('maps x-amzn-errortype and the message body to typed errors', async () => {
    mock = await startMockBedrock({ credentials: bedrockTestCredentials });
    const provider = createBedrockProvider({ baseURL: mock.baseURL, region: 'us-east-1', ...bedrockTestCredentials });
    mock.enqueue(
      { type: 'http-error', status: 400, message: 'Input is too long for requested model.' },
      { type: 'http-error', status: 404, message: 'Model not found.' },
    );
    expect(
      ContextWindowExceededError.isInstance(
        await provider
          .chat(modelId)
          .generate(hello, {})
          .catch((error: unknown) => error),
      ),
    ).toBe(true);
    expect(
      ModelNotFoundError.isInstance(
        await provider
          .chat(modelId)
          .stream(hello, {})
          .catch((error: unknown) => error),
      ),
    ).toBe(true);

    const throttled = map('ThrottlingException', 'Rate exceeded', 429);
    expect(UpstreamError.isInstance(throttled) && throttled.isRetryable && throttled.upstreamStatus === 429).toBe(true);
    for (const type of ['ServiceUnavailableException', 'ModelNotReadyException']) {
      const busy = map(type, 'Busy.', 503);
      expect(UpstreamError.isInstance(busy) && busy.isRetryable, type).toBe(true);
    }
    const denied = map('AccessDeniedException', 'You do not have access to the model.', 403);
    expect(UpstreamError.isInstance(denied) && !denied.isRetryable && denied.code === 'upstream_authentication_error').toBe(true);
    const expired = map('ExpiredTokenException', 'The security token included in the request is expired', 400);
    expect(UpstreamError.isInstance(expired) && expired.message.includes('ExpiredTokenException')).toBe(true);
    const unrecognized = map('UnrecognizedClientException', 'The security token included in the request is invalid.');
    expect(UpstreamError.isInstance(unrecognized) && unrecognized.upstreamStatus === 401).toBe(true);
    const plainValidation = map('ValidationException', 'temperature must be at most 1.', 400);
    expect(UpstreamError.isInstance(plainValidation) && !plainValidation.isRetryable).toBe(true);
  });
});

describe('URL media', () => {
  it('refuses loopback media unless media_fetch allows private networks', async () => {
    const media = await servePixel();
    try {
      mock = await startMockBedrock({ credentials: bedrockTestCredentials });
      const request: ChatRequestV1 = {
        model: 'alias',
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: `${media.url}/cat.png` } }] }],
      };
      const strict = createBedrockProvider({ baseURL: mock.baseURL, region: 'us-east-1', ...bedrockTestCredentials });
      const refused = await strict
        .chat(modelId)
        .generate(request, {})
        .catch((error: unknown) => error);
      expect(InvalidRequestError.isInstance(refused)).toBe(true);
      expect(String((refused as Error).message)).toMatch(/private or loopback/);
      expect(mock.requests).toHaveLength(0);

      const allowed = createBedrockProvider({
        baseURL: mock.baseURL,
        region: 'us-east-1',
        ...bedrockTestCredentials,
        mediaFetch: { allowPrivateNetwork: true, maxBytes: 10 },
      });
      const tooLarge = await allowed
        .chat(modelId)
        .generate(request, {})
        .catch((error: unknown) => error);
      expect(String((tooLarge as Error).message)).toMatch(/larger than 10 bytes/);
    } finally {
      await media.close();
    }
  });

  it('refuses a strict call that would drop a setting, before any upstream call', async () => {
    mock = await startMockBedrock({ credentials: bedrockTestCredentials });
    const provider = createBedrockProvider({ baseURL: mock.baseURL, region: 'us-east-1', ...bedrockTestCredentials });
    const error = await provider
      .chat(modelId)
      .generate({ ...hello, seed: 7 }, { strict: true })
      .catch((failure: unknown) => failure);
    expect(InvalidRequestError.isInstance(error) && error.param === 'seed').toBe(true);
    expect(mock.requests).toHaveLength(0);
  });
});

describe('embeddings, listing and health', () => {
  it('embeds with Cohere in one call and Titan one call per text, with dimensions', async () => {
    mock = await startMockBedrock({ credentials: bedrockTestCredentials });
    const provider = createBedrockProvider({ baseURL: mock.baseURL, region: 'us-east-1', ...bedrockTestCredentials });
    const cohere = await provider.embeddings!('cohere.embed-v4:0').embed({ model: 'e', values: ['a', 'b'], dimensions: 256 }, {});
    expect(cohere.response.embeddings.map((vector) => vector.length)).toEqual([256, 256]);
    expect(mock.requests[0]?.body).toEqual({ input_type: 'search_document', texts: ['a', 'b'], output_dimension: 256 });
    const titan = await provider.embeddings!('amazon.titan-embed-text-v2:0').embed(
      { model: 'e', values: ['one two', 'three'], dimensions: 512 },
      {},
    );
    expect(titan.response.embeddings.map((vector) => vector.length)).toEqual([512, 512]);
    expect(titan.response.usage).toEqual({ inputTokens: 3 });
    expect(mock.requests).toHaveLength(3);
    await expect(
      provider.embeddings!('amazon.titan-embed-text-v1').embed({ model: 'e', values: ['x'], dimensions: 256 }, {}),
    ).rejects.toThrow(/dimensions/);
  });

  it('lists foundation models from the control plane and checks health with it', async () => {
    mock = await startMockBedrock({ credentials: bedrockTestCredentials });
    const provider = createBedrockProvider({ controlPlaneURL: mock.baseURL, region: 'us-east-1', ...bedrockTestCredentials });
    expect(await provider.listModels?.({})).toEqual([
      { id: 'anthropic.claude-sonnet-4-5-20250929-v1:0', ownedBy: 'Anthropic' },
      { id: 'amazon.titan-embed-text-v2:0', ownedBy: 'Amazon' },
    ]);
    expect(await provider.checkHealth?.({})).toMatchObject({ healthy: true });
    const wrong = createBedrockProvider({
      controlPlaneURL: mock.baseURL,
      region: 'us-east-1',
      accessKeyId: 'AKIAWRONG',
      secretAccessKey: 'x',
    });
    expect(await wrong.checkHealth?.({})).toMatchObject({ healthy: false });
  });
});

describe('model metadata', () => {
  it('finds Claude, Llama, Nova, Mistral and Titan through inference profiles, ARNs and versions', () => {
    const provider = createBedrockProvider({});
    const find = (id: string) => provider.modelMetadata?.(id);
    expect(find('us.anthropic.claude-sonnet-4-5-20250929-v1:0')).toMatchObject({
      id: 'claude-sonnet-4-5',
      prices: { inputPerMillion: 3, cacheWritePerMillion: 3.75 },
    });
    expect(find('global.anthropic.claude-haiku-4-5-20251001-v1:0')?.id).toBe('claude-haiku-4-5');
    expect(find('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-4-1-20250805-v1:0')?.id).toBe('claude-opus-4-1');
    expect(find('eu.amazon.nova-pro-v1:0')).toMatchObject({ id: 'nova-pro', contextWindow: 300_000 });
    expect(find('meta.llama3-3-70b-instruct-v1:0')?.id).toBe('llama3-3-70b-instruct');
    expect(find('mistral.mistral-large-2407-v1:0')?.id).toBe('mistral-large-2407');
    expect(find('amazon.titan-embed-text-v2:0')).toMatchObject({ capabilities: { embeddings: true } });
    expect(find('amazon.titan-embed-text-v1')?.prices?.inputPerMillion).toBe(0.1);
    expect(find('unknown.model-v1:0')).toBeUndefined();
  });
});
