import Anthropic from '@anthropic-ai/sdk';
import { parseConfig, type ProviderV1 } from '@modelgate/core';
import {
  bedrockTestCredentials,
  startMockAnthropic,
  startMockBedrock,
  startMockGemini,
  startMockOpenAI,
  type MockAnthropicServer,
  type MockBedrockServer,
  type MockGeminiServer,
  type MockOpenAIServer,
} from '@modelgate/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { AccessLines } from './test-fixtures/access-lines.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';
import { scriptedProviderPlugin } from './test-fixtures/scripted-provider.js';

const openAIKey = 'sk-upstream-passthrough-0123456789';
const anthropicKey = 'sk-ant-passthrough-0123456789abcdef';
const geminiKey = 'AIzaSy-passthrough-0123456789';
const claude = 'claude-sonnet-4-5-20250929';

let openai: MockOpenAIServer;
let anthropic: MockAnthropicServer;
let gemini: MockGeminiServer;
let bedrock: MockBedrockServer;
let server: RunningServer;
const access = new AccessLines();

beforeAll(async () => {
  openai = await startMockOpenAI({ apiKey: openAIKey });
  anthropic = await startMockAnthropic({ apiKey: anthropicKey });
  gemini = await startMockGemini({ apiKey: geminiKey });
  bedrock = await startMockBedrock({ credentials: bedrockTestCredentials });
  server = await startServer({
    config: parseConfig({
      server: { log_level: 'info' },
      auth: { master_key: testMasterKey },
      providers: {
        oai: { type: 'openai', base_url: openai.baseURL, api_key: openAIKey },
        claude: { type: 'anthropic', base_url: anthropic.url, api_key: anthropicKey, anthropic_version: '2023-01-01' },
        gem: { type: 'gemini', base_url: gemini.baseURL, api_key: geminiKey },
        aws: {
          type: 'bedrock',
          region: 'us-east-1',
          base_url: bedrock.baseURL,
          access_key_id: bedrockTestCredentials.accessKeyId,
          secret_access_key: bedrockTestCredentials.secretAccessKey,
        },
        plain: { type: 'scripted' },
      },
      models: [{ name: 'smart', deployments: [{ provider: 'oai', model: 'gpt-4o-mini' }] }],
      router: { retries: 0, timeout_ms: 5000 },
    }),
    host: '127.0.0.1',
    port: 0,
    plugins: [scriptedProviderPlugin],
    logger: access.logger,
  });
});

afterAll(async () => {
  await server.close();
  await Promise.all([openai.close(), anthropic.close(), gemini.close(), bedrock.close()]);
});

beforeEach(() => {
  openai.reset();
  anthropic.reset();
});

describe('/passthrough/{provider} with the openai SDK against an OpenAI-compatible provider', () => {
  const client = () => new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/passthrough/oai`, maxRetries: 0 });

  it('sends the request as it is with the provider key, and notes the usage on the access log', async () => {
    openai.enqueue({ type: 'text', content: 'Native hello.', usage: { promptTokens: 11, completionTokens: 3 } });
    access.clear();
    const completion = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      seed: 7,
    });
    expect(completion.choices[0]?.message.content).toBe('Native hello.');
    const sent = openai.requests.at(-1)!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${openAIKey}`);
    expect(sent.rawBody).toBe(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], seed: 7 }));
    expect(sent.headers['x-stainless-lang']).toBeUndefined();
    expect(JSON.stringify(sent.headers)).not.toContain(testMasterKey);
    const line = await access.last('/passthrough/:provider/*');
    expect(line).toMatchObject({ status: 200, inputTokens: 11, outputTokens: 3 });
    expect(line.cost_usd).toEqual(expect.any(Number));
  });

  it("answers with the gateway's request id, and the upstream's beside it", async () => {
    openai.enqueue({ type: 'text', content: 'Ids.' });
    access.clear();
    const response = await fetch(`${server.url}/passthrough/oai/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(200);
    await response.text();
    const line = await access.last('/passthrough/:provider/*');
    expect(response.headers.get('x-request-id')).toBe(line.reqId);
    expect(response.headers.get('x-upstream-request-id')).toMatch(/^req_/);
  });

  it('streams the chunks back', async () => {
    openai.enqueue({ type: 'text', content: 'one two three four' });
    const stream = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('one two three four');
    expect(openai.requests.at(-1)!.body).toMatchObject({ stream: true });
  });

  it('passes an upstream error answer back as it is', async () => {
    openai.enqueue({ type: 'error', status: 422, body: { error: { message: 'upstream says no', type: 'invalid_request_error' } } });
    const error = await client()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(422);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toContain('upstream says no');
  });

  it('takes configured secrets out of an upstream error answer', async () => {
    openai.enqueue({
      type: 'error',
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${openAIKey}`, type: 'invalid_request_error' } },
    });
    const response = await fetch(`${server.url}/passthrough/oai/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).toContain('Incorrect API key provided');
    expect(text).not.toContain(openAIKey);
  });

  it('forwards allow-listed headers only, never the gateway key, and drops set-cookie coming back', async () => {
    openai.enqueue({ type: 'error', status: 400, headers: { 'set-cookie': 'session=upstream', 'x-request-id': 'up-1' } });
    const response = await fetch(`${server.url}/passthrough/oai/chat/completions?trace=1`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${testMasterKey}`,
        'x-goog-api-key': 'caller-google-key',
        'content-type': 'application/json',
        'openai-beta': 'assistants=v2',
        'x-private-note': 'stays here',
        cookie: 'gateway=1',
      },
      body: '{"model":"gpt-4o-mini","messages":[]}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-upstream-request-id')).toBe('up-1');
    expect(response.headers.get('x-request-id')).not.toBe('up-1');
    const sent = openai.requests.at(-1)!;
    expect(sent.headers.authorization).toBe(`Bearer ${openAIKey}`);
    expect(sent.headers['openai-beta']).toBe('assistants=v2');
    expect(sent.headers['x-private-note']).toBeUndefined();
    expect(sent.headers.cookie).toBeUndefined();
    expect(sent.headers['x-goog-api-key']).toBeUndefined();
    expect(sent.rawBody).toBe('{"model":"gpt-4o-mini","messages":[]}');
  });

  it('aborts the upstream call when the client goes away mid-stream', async () => {
    openai.enqueue({ type: 'hang', afterChunks: 1 });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/passthrough/oai/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('data: ');
    controller.abort();
    const aborted = await openai.waitForAbort({ timeoutMs: 5000 });
    expect(aborted.path).toBe('/v1/chat/completions');
    // The destroyed answer gets no access line: the early end is logged instead, as for chat streams.
    const requestId = response.headers.get('x-request-id');
    await expect
      .poll(() => access.lines.find((line) => line.reqId === requestId && line.code === 'client_closed_request'), { timeout: 5000 })
      .toMatchObject({ level: 30, msg: 'The client closed the stream before it ended.' });
  });

  it('logs a stream the upstream broke off as a warning, and the client sees it end', async () => {
    openai.enqueue({ type: 'drop', afterChunks: 2, content: 'alpha beta gamma delta' });
    const response = await fetch(`${server.url}/passthrough/oai/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true }),
    });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    const requestId = response.headers.get('x-request-id');
    const line = await vi.waitFor(
      () => {
        const found = access.lines.find((candidate) => candidate.reqId === requestId && candidate.code === 'upstream_stream_error');
        if (found === undefined) throw new Error('no early-end line yet');
        return found;
      },
      { timeout: 5000 },
    );
    expect(line).toMatchObject({ level: 40, msg: 'The stream ended early: The answer of "oai" broke off before its end.' });
    expect(JSON.stringify(access.lines)).not.toContain(openAIKey);
  });
});

describe('/passthrough/{provider} with the Anthropic SDK against the Anthropic plugin', () => {
  const client = () =>
    new Anthropic({
      apiKey: testMasterKey,
      baseURL: `${server.url}/passthrough/claude`,
      maxRetries: 0,
      defaultHeaders: { 'anthropic-version': '2023-06-01' },
    });

  it('answers messages.create with x-api-key replaced and the caller’s anthropic-version kept', async () => {
    anthropic.enqueue({ type: 'text', text: 'Bonjour natively.', usage: { inputTokens: 20, outputTokens: 4 } });
    access.clear();
    const message = await client().messages.create({ model: claude, max_tokens: 100, messages: [{ role: 'user', content: 'Hello?' }] });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Bonjour natively.' });
    const sent = anthropic.requests.at(-1)!;
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe(anthropicKey);
    // The caller's version, not the configured one.
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.rawBody).toBe(JSON.stringify({ model: claude, max_tokens: 100, messages: [{ role: 'user', content: 'Hello?' }] }));
    expect(await access.last('/passthrough/:provider/*')).toMatchObject({ status: 200, inputTokens: 20, outputTokens: 4 });
  });

  it('sends the configured anthropic-version when the caller sent none', async () => {
    anthropic.enqueue({ type: 'text', text: 'Versioned.', usage: { inputTokens: 2, outputTokens: 1 } });
    const response = await fetch(`${server.url}/passthrough/claude/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': testMasterKey, 'content-type': 'application/json' },
      body: JSON.stringify({ model: claude, max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(200);
    const sent = anthropic.requests.at(-1)!;
    expect(sent.headers['anthropic-version']).toBe('2023-01-01');
    expect(sent.headers['x-api-key']).toBe(anthropicKey);
  });

  it('streams with messages.stream', async () => {
    anthropic.enqueue({ type: 'text', text: 'Streaming natively works.', usage: { inputTokens: 8, outputTokens: 5 } });
    const stream = client().messages.stream({ model: claude, max_tokens: 100, messages: [{ role: 'user', content: 'Hello?' }] });
    let text = '';
    stream.on('text', (delta) => {
      text += delta;
    });
    const final = await stream.finalMessage();
    expect(text).toBe('Streaming natively works.');
    expect(final.usage.output_tokens).toBe(5);
    expect(anthropic.requests.at(-1)!.body).toMatchObject({ stream: true });
  });
});

describe('/passthrough/{provider} with fetch against the Gemini plugin', () => {
  it('sends x-goog-api-key and notes usageMetadata', async () => {
    gemini.enqueue({ type: 'text', text: 'Gemini natively.', usage: { inputTokens: 6, outputTokens: 2 } });
    access.clear();
    const response = await fetch(`${server.url}/passthrough/gem/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'x-api-key': testMasterKey, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { candidates: { content: { parts: { text: string }[] } }[] };
    expect(body.candidates[0]?.content.parts[0]?.text).toBe('Gemini natively.');
    const sent = gemini.requests.at(-1)!;
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent.headers['x-goog-api-key']).toBe(geminiKey);
    expect(sent.headers['x-api-key']).toBeUndefined();
    expect(await access.last('/passthrough/:provider/*')).toMatchObject({ status: 200, inputTokens: 6, outputTokens: 2 });
  });
});

/**
 * Keeps a copy of the bytes a provider's pass-through answer brings, as the gateway receives them, so that a
 * test can compare them with what its client got.
 */
function recordUpstreamBytes(name: string): { bytes(): Buffer; restore(): void } {
  const provider = server.gateway.provider(name)!;
  const original = provider.passthrough!;
  const chunks: Buffer[] = [];
  const passthrough: NonNullable<ProviderV1['passthrough']> = async (request, options) => {
    const answer = await original.call(provider, request, options);
    async function* copied(): AsyncGenerator<Uint8Array> {
      for await (const chunk of answer.body) {
        chunks.push(Buffer.from(chunk));
        yield chunk;
      }
    }
    return { ...answer, body: copied() };
  };
  provider.passthrough = passthrough;
  return {
    bytes: () => Buffer.concat(chunks),
    restore: () => {
      provider.passthrough = original;
    },
  };
}

/** A streamed pass-through request by fetch, its answer read whole as bytes, and the upstream's bytes beside it. */
async function streamThrough(
  provider: string,
  path: string,
  body: unknown,
): Promise<{ status: number; type: string | null; received: string; sent: string }> {
  const upstream = recordUpstreamBytes(provider);
  try {
    const response = await fetch(`${server.url}/passthrough/${provider}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const received = Buffer.from(await response.arrayBuffer()).toString('latin1');
    return { status: response.status, type: response.headers.get('content-type'), received, sent: upstream.bytes().toString('latin1') };
  } finally {
    upstream.restore();
  }
}

describe('/passthrough/{provider} meters streamed answers, passing their bytes on unchanged', () => {
  it('notes the usage chunk of an OpenAI chat stream with include_usage, and its cost', async () => {
    openai.enqueue({
      type: 'text',
      content: 'one two three four',
      usage: { promptTokens: 1000, completionTokens: 200, cachedTokens: 400 },
    });
    access.clear();
    const answer = await streamThrough('oai', '/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/event-stream/);
    expect(answer.received).toContain('"prompt_tokens":1000');
    expect(answer.received).toMatch(/data: \[DONE\]\n\n$/);
    expect(answer.received).toBe(answer.sent);
    const line = await access.last('/passthrough/:provider/*');
    expect(line).toMatchObject({ status: 200, inputTokens: 1000, outputTokens: 200, totalTokens: 1200 });
    // gpt-4o-mini: 0.15 in, 0.075 cached, 0.60 out per million.
    expect(line.cost_usd).toBeCloseTo((600 * 0.15 + 400 * 0.075 + 200 * 0.6) / 1_000_000, 12);
  });

  it("folds an Anthropic stream's message_start and message_delta, the cache counted in the input", async () => {
    anthropic.enqueue({
      type: 'text',
      text: 'Streaming natively works.',
      usage: { inputTokens: 1200, outputTokens: 9, cacheReadTokens: 1000, cacheWriteTokens: 150 },
    });
    access.clear();
    const answer = await streamThrough('claude', '/v1/messages', {
      model: claude,
      max_tokens: 100,
      stream: true,
      messages: [{ role: 'user', content: 'Hello?' }],
    });
    expect(answer.status).toBe(200);
    expect(answer.received).toContain('event: message_delta');
    expect(answer.received).toBe(answer.sent);
    const line = await access.last('/passthrough/:provider/*');
    expect(line).toMatchObject({ status: 200, inputTokens: 1200, outputTokens: 9 });
    // Claude Sonnet 4.5: 3 in, 0.30 cache read, 3.75 cache write, 15 out per million.
    expect(line.cost_usd).toBeCloseTo((50 * 3 + 1000 * 0.3 + 150 * 3.75 + 9 * 15) / 1_000_000, 12);
  });

  it("notes a Gemini SSE stream's last usageMetadata", async () => {
    gemini.enqueue({
      type: 'text',
      text: 'Gemini streams natively, in several pieces.',
      usage: { inputTokens: 600, outputTokens: 40, cacheReadTokens: 100 },
    });
    access.clear();
    const answer = await streamThrough('gem', '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', {
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
    });
    expect(answer.status).toBe(200);
    expect(answer.received.match(/\r\n\r\n/g)?.length).toBeGreaterThan(1);
    expect(answer.received).toBe(answer.sent);
    const line = await access.last('/passthrough/:provider/*');
    expect(line).toMatchObject({ status: 200, inputTokens: 600, outputTokens: 40, totalTokens: 640 });
    // gemini-2.5-flash: 0.30 in, 0.03 cached, 2.50 out per million.
    expect(line.cost_usd).toBeCloseTo((500 * 0.3 + 100 * 0.03 + 40 * 2.5) / 1_000_000, 12);
  });
});

describe('/passthrough/{provider} with fetch against the Bedrock plugin', () => {
  it('signs the exact bytes with SigV4, which the verifying mock accepts', async () => {
    bedrock.enqueue({ type: 'text', text: 'Converse natively.', usage: { inputTokens: 9, outputTokens: 3 } });
    const modelPath = encodeURIComponent('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    const body = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }], inferenceConfig: { maxTokens: 50 } });
    const response = await fetch(`${server.url}/passthrough/aws/model/${modelPath}/converse`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json', accept: 'application/json' },
      body,
    });
    const answer = (await response.json()) as { output?: { message?: { content?: { text?: string }[] } } };
    expect(response.status).toBe(200);
    expect(answer.output?.message?.content?.[0]?.text).toBe('Converse natively.');
    const sent = bedrock.requests.at(-1)!;
    expect(sent.path).toBe(`/model/${modelPath}/converse`);
    expect(sent.rawBody).toBe(body);
    expect(String(sent.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
    expect(JSON.stringify(sent.headers)).not.toContain(testMasterKey);
  });
});

describe('/passthrough/{provider} refusals', () => {
  it('needs the gateway key', async () => {
    const response = await fetch(`${server.url}/passthrough/oai/models`);
    expect(response.status).toBe(401);
    expect(openai.requests).toHaveLength(0);
  });

  it('answers an unknown provider with 404 in the OpenAI shape', async () => {
    const response = await fetch(`${server.url}/passthrough/nobody/models`, { headers: { authorization: `Bearer ${testMasterKey}` } });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { message: string; code: string } };
    expect(body.error.message).toContain('"nobody"');
    expect(body.error.code).toBe('provider_not_found');
  });

  it('answers a provider without the ability with 400 naming it and the ability', async () => {
    const response = await fetch(`${server.url}/passthrough/plain/models`, { headers: { authorization: `Bearer ${testMasterKey}` } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('"plain"');
    expect(body.error.message).toContain('passthrough');
  });

  it('passes a GET through with its query', async () => {
    const response = await fetch(`${server.url}/passthrough/oai/models?limit=2`, { headers: { authorization: `Bearer ${testMasterKey}` } });
    expect(response.status).toBe(200);
    const sent = openai.requests.at(-1)!;
    expect(sent.method).toBe('GET');
    expect(sent.path).toBe('/v1/models');
  });
});
