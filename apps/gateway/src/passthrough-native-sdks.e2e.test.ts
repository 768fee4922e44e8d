import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { ApiError, GoogleGenAI } from '@google/genai';
import { parseConfig } from '@modelgate/core';
import {
  bedrockTestCredentials,
  startMockAzure,
  startMockBedrock,
  startMockCohere,
  startMockGemini,
  startMockVertex,
  type MockAzureServer,
  type MockBedrockServer,
  type MockGeminiServer,
  type MockVertex,
} from '@modelgate/testkit';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { CohereClientV2 } from 'cohere-ai';
import { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { AccessLines } from './test-fixtures/access-lines.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

const geminiKey = 'AIzaSy-native-passthrough-0123456789';
const azureKey = 'azure-native-passthrough-0123456789abcdef';
const cohereKey = 'co-native-passthrough-0123456789abcdef';
const azureVersion = '2024-10-21';

let gemini: MockGeminiServer;
let vertex: MockVertex;
let azure: MockAzureServer;
let cohere: Awaited<ReturnType<typeof startMockCohere>>;
let bedrock: MockBedrockServer;
let server: RunningServer;
const access = new AccessLines();

beforeAll(async () => {
  [gemini, vertex, azure, cohere, bedrock] = await Promise.all([
    startMockGemini({ apiKey: geminiKey }),
    startMockVertex(),
    startMockAzure({ apiKey: azureKey }),
    startMockCohere({ apiKey: cohereKey }),
    startMockBedrock({ credentials: bedrockTestCredentials }),
  ]);
  server = await startServer({
    config: parseConfig({
      server: { log_level: 'error' },
      auth: { master_key: testMasterKey },
      providers: {
        gemini: { type: 'gemini', base_url: gemini.baseURL, api_key: geminiKey },
        vertex: {
          type: 'vertex',
          base_url: vertex.api.baseURL,
          credentials_file: vertex.keyFile,
          project: vertex.project,
          location: vertex.location,
        },
        azure: { type: 'azure', base_url: azure.url, api_key: azureKey, api_version: azureVersion },
        cohere: { type: 'cohere', base_url: cohere.baseURL, api_key: cohereKey },
        bedrock: {
          type: 'bedrock',
          region: 'us-east-1',
          base_url: bedrock.baseURL,
          access_key_id: bedrockTestCredentials.accessKeyId,
          secret_access_key: bedrockTestCredentials.secretAccessKey,
        },
      },
      router: { retries: 0, timeout_ms: 5000 },
    }),
    host: '127.0.0.1',
    port: 0,
    logger: access.logger,
  });
});

afterAll(async () => {
  await server.close();
  await Promise.all([gemini.close(), vertex.close(), azure.close(), cohere.close(), bedrock.close()]);
});

const hello = [{ role: 'user', parts: [{ text: 'Hello?' }] }];

describe('@google/genai pointed at /passthrough/gemini', () => {
  const client = () => new GoogleGenAI({ apiKey: testMasterKey, httpOptions: { baseUrl: `${server.url}/passthrough/gemini` } });

  it('generateContent: the gateway key from x-goog-api-key, the provider key upstream', async () => {
    gemini.enqueue({ type: 'text', text: 'Native Gemini.', usage: { inputTokens: 4, outputTokens: 2 } });
    const response = await client().models.generateContent({ model: 'gemini-2.5-flash', contents: hello });
    expect(response.text).toBe('Native Gemini.');
    const sent = gemini.requests.at(-1)!;
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent.headers['x-goog-api-key']).toBe(geminiKey);
    expect(JSON.stringify(sent.headers)).not.toContain(testMasterKey);
  });

  it('generateContentStream: the events come back as the SDK reads them', async () => {
    gemini.enqueue({ type: 'text', text: 'one two three four', usage: { inputTokens: 4, outputTokens: 4 } });
    const stream = await client().models.generateContentStream({ model: 'gemini-2.5-flash', contents: hello });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';
    expect(text).toBe('one two three four');
    const sent = gemini.requests.at(-1)!;
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    expect(sent.query).toBe('alt=sse');
    expect(sent.headers['x-goog-api-key']).toBe(geminiKey);
  });

  it('takes the gateway key from ?key= and never sends it upstream', async () => {
    gemini.enqueue({ type: 'text', text: 'Query key.' });
    const response = await fetch(
      `${server.url}/passthrough/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=${testMasterKey}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contents: hello }) },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Query key.');
    const sent = gemini.requests.at(-1)!;
    expect(sent.query).toBe('alt=sse');
    expect(sent.headers['x-goog-api-key']).toBe(geminiKey);
  });

  it('refuses a wrong key in x-goog-api-key or ?key= before the upstream', async () => {
    const before = gemini.requests.length;
    const wrong = `${testMasterKey.slice(0, -1)}x`;
    const bad = await client()
      .models.generateContent({
        model: 'gemini-2.5-flash',
        contents: hello,
        config: { httpOptions: { headers: { 'x-goog-api-key': wrong } } },
      })
      .catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(ApiError);
    expect((bad as ApiError).status).toBe(401);
    const query = await fetch(`${server.url}/passthrough/gemini/v1beta/models?key=${wrong}`);
    expect(query.status).toBe(401);
    expect(gemini.requests.length).toBe(before);
  });
});

describe('@google/genai with vertexai: true pointed at /passthrough/vertex', () => {
  it('generateContent goes to the project path with the service account’s token, not the gateway key', async () => {
    vertex.api.enqueue({ type: 'text', text: 'Native Vertex.' });
    const client = new GoogleGenAI({
      vertexai: true,
      apiKey: testMasterKey,
      project: vertex.project,
      location: vertex.location,
      httpOptions: { baseUrl: `${server.url}/passthrough/vertex` },
    });
    const response = await client.models.generateContent({ model: 'gemini-2.5-flash', contents: hello });
    expect(response.text).toBe('Native Vertex.');
    const sent = vertex.api.requests.at(-1)!;
    expect(sent.path).toBe(
      `/v1beta1/projects/${vertex.project}/locations/${vertex.location}/publishers/google/models/gemini-2.5-flash:generateContent`,
    );
    expect(String(sent.headers.authorization)).toMatch(/^Bearer /);
    expect(vertex.oauth.issued(String(sent.headers.authorization).slice(7))).toBe(true);
    expect(JSON.stringify(sent.headers)).not.toContain(testMasterKey);
  });
});

describe('openai’s AzureOpenAI pointed at /passthrough/azure', () => {
  const client = () =>
    new AzureOpenAI({ apiKey: testMasterKey, endpoint: `${server.url}/passthrough/azure`, apiVersion: azureVersion, maxRetries: 0 });

  it('chat.completions.create: the gateway key from api-key, the resource key upstream', async () => {
    azure.enqueue({ type: 'text', content: 'Native Azure.' });
    const completion = await client().chat.completions.create({ model: 'chat-prod', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0]?.message.content).toBe('Native Azure.');
    const sent = azure.requests.at(-1)!;
    expect(sent.path).toBe('/openai/deployments/chat-prod/chat/completions');
    expect(sent.query).toBe(`api-version=${azureVersion}`);
    expect(sent.headers['api-key']).toBe(azureKey);
    expect(JSON.stringify(sent.headers)).not.toContain(testMasterKey);
  });

  it('streams', async () => {
    azure.enqueue({ type: 'text', content: 'streamed from Azure' });
    const stream = await client().chat.completions.create({
      model: 'chat-prod',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('streamed from Azure');
  });
});

describe('the AWS SDK’s BedrockRuntimeClient pointed at /passthrough/bedrock', () => {
  it('ConverseCommand: the gateway key as the Bedrock API key (Bearer), SigV4 upstream', async () => {
    bedrock.enqueue({ type: 'text', text: 'Native Bedrock.', usage: { inputTokens: 5, outputTokens: 2 } });
    access.clear();
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: `${server.url}/passthrough/bedrock`,
      token: { token: testMasterKey },
      authSchemePreference: ['httpBearerAuth'],
      maxAttempts: 1,
      // The SDK's default handler speaks HTTP/2 only; the gateway speaks HTTP/1.1.
      requestHandler: new NodeHttpHandler(),
    });
    const answer = await client.send(
      new ConverseCommand({
        modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
        inferenceConfig: { maxTokens: 50 },
      }),
    );
    client.destroy();
    expect(answer.output?.message?.content?.[0]?.text).toBe('Native Bedrock.');
    const sent = bedrock.requests.at(-1)!;
    expect(sent.path).toBe(`/model/${encodeURIComponent('us.anthropic.claude-sonnet-4-5-20250929-v1:0')}/converse`);
    expect(String(sent.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
    expect(await bedrock.isAuthorized(sent)).toBe(true);
    expect(JSON.stringify(sent.headers)).not.toContain(testMasterKey);
    // The answer's usage is metered, priced by the model of the request's path.
    expect(await access.last('/passthrough/:provider/*')).toMatchObject({ inputTokens: 5, outputTokens: 2, cost_usd: expect.any(Number) });
  });
});

describe('cohere-ai’s CohereClientV2 pointed at /passthrough/cohere', () => {
  const client = () => new CohereClientV2({ token: testMasterKey, environment: `${server.url}/passthrough/cohere`, maxRetries: 0 });

  it('chat: the gateway key as Bearer, the Cohere key upstream', async () => {
    cohere.enqueue({ type: 'text', text: 'Native Cohere.' });
    access.clear();
    const response = await client().chat({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.message.content?.[0]).toMatchObject({ type: 'text', text: 'Native Cohere.' });
    const sent = cohere.requests.at(-1)!;
    expect(sent.path).toBe('/v2/chat');
    expect(sent.headers.authorization).toBe(`Bearer ${cohereKey}`);
    // Cohere's answer names no model: the request's prices it.
    expect(await access.last('/passthrough/:provider/*')).toMatchObject({ inputTokens: expect.any(Number), cost_usd: expect.any(Number) });
  });

  it('chatStream', async () => {
    cohere.enqueue({ type: 'text', text: 'streamed from Cohere' });
    const stream = await client().chatStream({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] });
    let text = '';
    for await (const event of stream) {
      if (event.type === 'content-delta') text += event.delta?.message?.content?.text ?? '';
    }
    expect(text).toBe('streamed from Cohere');
    expect(cohere.requests.at(-1)!.headers.authorization).toBe(`Bearer ${cohereKey}`);
  });
});
