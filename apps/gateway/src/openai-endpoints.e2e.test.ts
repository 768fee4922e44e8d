import { parseConfig } from '@modelgate/core';
import { mockSpeechAudio, mockTranscript, startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { mockGatewayConfig, testMasterKey } from './test-fixtures/mock-gateway.js';

let mock: MockOpenAIServer;
let server: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockOpenAI();
  const config = mockGatewayConfig(mock, {
    providers: {
      mock: { type: 'openai', base_url: mock.baseURL, api_key: 'test' },
      // A host whose catalog entry serves transcriptions and speech only.
      narrow: { type: 'groq', base_url: mock.baseURL, api_key: 'test' },
    },
    models: [
      { name: 'instruct', deployments: [{ provider: 'mock', model: 'gpt-3.5-turbo-instruct' }] },
      { name: 'painter', deployments: [{ provider: 'mock', model: 'dall-e-3' }] },
      { name: 'voice', deployments: [{ provider: 'mock', model: 'gpt-4o-mini-tts' }] },
      { name: 'ears', deployments: [{ provider: 'mock', model: 'whisper-1' }] },
      { name: 'omni-moderation-latest', deployments: [{ provider: 'mock', model: 'omni-moderation-latest' }] },
      { name: 'narrow-painter', deployments: [{ provider: 'narrow', model: 'some-image-model' }] },
      {
        name: 'fallback-painter',
        deployments: [
          { provider: 'narrow', model: 'x' },
          { provider: 'mock', model: 'dall-e-2' },
        ],
      },
    ],
  });
  server = await startServer({ config: parseConfig(config), host: '127.0.0.1', port: 0 });
  client = new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await mock.close();
});

describe('POST /v1/completions', () => {
  it('answers a legacy completion, forwarded with the deployment model', async () => {
    const completion = await client.completions.create({ model: 'instruct', prompt: 'Once upon a time', max_tokens: 16 });
    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0]!.text).toContain('Once upon a time');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    const sent = mock.requests.at(-1)!;
    expect(sent.path).toBe('/v1/completions');
    expect(sent.body).toMatchObject({ model: 'gpt-3.5-turbo-instruct', prompt: 'Once upon a time', max_tokens: 16 });
  });

  it('streams, with the usage chunk only when asked for', async () => {
    const collect = async (includeUsage: boolean) => {
      const stream = await client.completions.create({
        model: 'instruct',
        prompt: 'Tell me',
        stream: true,
        ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
      });
      let text = '';
      let usage: OpenAI.CompletionUsage | undefined;
      const finishes: string[] = [];
      for await (const chunk of stream) {
        for (const choice of chunk.choices) {
          text += choice.text;
          if (choice.finish_reason) finishes.push(choice.finish_reason);
        }
        if (chunk.usage) usage = chunk.usage;
      }
      return { text, usage, finishes };
    };
    const plain = await collect(false);
    expect(plain.text).toBe(' and so the story of "Tell me" goes on.');
    expect(plain.finishes).toEqual(['stop']);
    expect(plain.usage).toBeUndefined();
    // The gateway asks for usage upstream either way, for its own accounting.
    expect(mock.requests.at(-1)!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const withUsage = await collect(true);
    expect(withUsage.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('ends a stream cut upstream with an error, not a normal end', async () => {
    mock.enqueue({ type: 'drop', afterChunks: 2 });
    const stream = await client.completions.create({ model: 'instruct', prompt: 'Cut', stream: true });
    const consume = async () => {
      for await (const _chunk of stream) {
        // read until the error
      }
    };
    await expect(consume()).rejects.toThrow();
  });

  it('answers a 400 naming the provider when no deployment serves completions', async () => {
    await expect(client.completions.create({ model: 'narrow-painter', prompt: 'x' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('Provider "narrow" does not serve text completions'),
    });
  });

  it('names the bad field', async () => {
    await expect(client.completions.create({ model: 'instruct', prompt: 'x', temperature: 7 })).rejects.toMatchObject({
      status: 400,
      param: 'temperature',
    });
  });
});

describe('POST /v1/images/generations', () => {
  it('generates images as URLs or base64', async () => {
    const urls = await client.images.generate({ model: 'painter', prompt: 'a lighthouse', n: 2 });
    expect(urls.data).toHaveLength(2);
    expect(urls.data![0]!.url).toMatch(/^https:\/\/images\.example\//);
    expect(urls.data![0]!.revised_prompt).toBe('A picture of a lighthouse');
    const bytes = await client.images.generate({ model: 'painter', prompt: 'a boat', response_format: 'b64_json' });
    expect(Buffer.from(bytes.data![0]!.b64_json!, 'base64').toString()).toBe('MOCK-IMAGE:0:a boat');
    expect(mock.requests.at(-1)!.body).toMatchObject({ model: 'dall-e-3', prompt: 'a boat', response_format: 'b64_json' });
  });

  it('names the provider and the ability when the model cannot draw, and falls back to one that can', async () => {
    await expect(client.images.generate({ model: 'narrow-painter', prompt: 'x' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('Provider "narrow" does not serve image generation'),
    });
    const fallback = await client.images.generate({ model: 'fallback-painter', prompt: 'a cat' });
    expect(fallback.data).toHaveLength(1);
    expect(mock.requests.at(-1)!.body).toMatchObject({ model: 'dall-e-2' });
  });

  it('refuses a streamed generation, naming the field', async () => {
    const response = await fetch(`${server.url}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'painter', prompt: 'x', stream: true }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe('stream');
  });
});

describe('POST /v1/audio/speech', () => {
  it('streams the audio bytes with their media type', async () => {
    const response = await client.audio.speech.create({ model: 'voice', input: 'Hello there.', voice: 'alloy', response_format: 'wav' });
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(mockSpeechAudio('Hello there.', 'wav'));
    expect(mock.requests.at(-1)!.body).toMatchObject({ model: 'gpt-4o-mini-tts', voice: 'alloy', response_format: 'wav' });
  });

  it('passes an upstream error through before any audio', async () => {
    mock.enqueue({
      type: 'error',
      status: 400,
      body: { error: { message: 'Voice "nope" is not known.', type: 'invalid_request_error', param: 'voice', code: null } },
    });
    await expect(client.audio.speech.create({ model: 'voice', input: 'x', voice: 'nope' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('Voice "nope" is not known.'),
    });
  });
});

describe('POST /v1/audio/transcriptions', () => {
  const audio = () => toFile(Buffer.from('RIFF....WAVEfmt fake audio'), 'meeting.wav', { type: 'audio/wav' });

  it('uploads the file as a form and answers json, text, srt and vtt', async () => {
    const json = await client.audio.transcriptions.create({ model: 'ears', file: await audio() });
    expect(json.text).toBe(mockTranscript('meeting.wav', 26));
    const sent = mock.requests.at(-1)!;
    expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent.rawBody).toContain('name="model"\r\n\r\nwhisper-1');
    expect(sent.rawBody).toContain('filename="meeting.wav"');
    expect(sent.rawBody).toContain('RIFF....WAVEfmt fake audio');

    const text = await client.audio.transcriptions.create({ model: 'ears', file: await audio(), response_format: 'text' });
    expect(text).toBe(mockTranscript('meeting.wav', 26));
    const srt = await client.audio.transcriptions.create({ model: 'ears', file: await audio(), response_format: 'srt' });
    expect(srt).toBe(`1\n00:00:00,000 --> 00:00:02,500\n${mockTranscript('meeting.wav', 26)}\n`);
    const vtt = await client.audio.transcriptions.create({ model: 'ears', file: await audio(), response_format: 'vtt' });
    expect(vtt).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:02\.500\n/);
  });

  it('answers verbose json with segments and words', async () => {
    const verbose = await client.audio.transcriptions.create({
      model: 'ears',
      file: await audio(),
      response_format: 'verbose_json',
      timestamp_granularities: ['word', 'segment'],
    });
    expect(verbose.language).toBe('english');
    expect(verbose.segments?.[0]).toMatchObject({ start: 0, text: mockTranscript('meeting.wav', 26) });
    expect(verbose.words?.[0]).toEqual({ word: 'Transcript', start: 0, end: 0.4 });
  });

  it('treats form fields named like object properties as plain fields', async () => {
    const form = new FormData();
    form.set('model', 'ears');
    form.set('__proto__', 'x');
    form.set('constructor', 'y');
    form.set('file', new Blob([Buffer.from('RIFF....WAVEfmt fake audio')], { type: 'audio/wav' }), 'meeting.wav');
    const answer = await fetch(`${server.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}` },
      body: form,
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { text: string }).text).toBe(mockTranscript('meeting.wav', 26));
  });

  it('refuses a form without a file or a model, and a file over the limit', async () => {
    const form = new FormData();
    form.set('model', 'ears');
    const noFile = await fetch(`${server.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}` },
      body: form,
    });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as { error: { param: string } }).error.param).toBe('file');

    const noModel = new FormData();
    noModel.set('file', new Blob([Buffer.from('abc')]), 'a.wav');
    const missing = await fetch(`${server.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}` },
      body: noModel,
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { param: string } }).error.param).toBe('model');

    const large = new FormData();
    large.set('model', 'ears');
    large.set('file', new Blob([Buffer.alloc(26 * 1024 * 1024)]), 'big.wav');
    const tooLarge = await fetch(`${server.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}` },
      body: large,
    });
    expect(tooLarge.status).toBe(413);
  });

  it('requires the gateway key like every route', async () => {
    const anonymous = new OpenAI({ apiKey: 'sk-wrong-key-of-some-length', baseURL: `${server.url}/v1`, maxRetries: 0 });
    await expect(anonymous.audio.transcriptions.create({ model: 'ears', file: await audio() })).rejects.toMatchObject({ status: 401 });
  });
});

describe('POST /v1/moderations', () => {
  it('classifies each text, routing OpenAI default model when none is named', async () => {
    const moderation = await client.moderations.create({ input: ['I will attack the castle', 'Nice weather'] });
    expect(moderation.results.map((result) => result.flagged)).toEqual([true, false]);
    expect(moderation.results[0]!.categories.violence).toBe(true);
    expect(moderation.results[0]!.category_scores.violence).toBeGreaterThan(0.5);
    expect(mock.requests.at(-1)!.body).toEqual({ model: 'omni-moderation-latest', input: ['I will attack the castle', 'Nice weather'] });
  });

  it('judges text and images together as one piece of content', async () => {
    const moderation = await client.moderations.create({
      model: 'omni-moderation-latest',
      input: [
        { type: 'text', text: 'hate' },
        { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
      ],
    });
    expect(moderation.results).toHaveLength(1);
    expect(mock.requests.at(-1)!.body).toMatchObject({
      input: [
        { type: 'text', text: 'hate' },
        { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
      ],
    });
  });
});
