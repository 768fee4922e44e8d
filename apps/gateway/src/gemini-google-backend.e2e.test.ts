import { GoogleGenAI } from '@google/genai';
import { parseConfig } from '@modelgate/core';
import { startMockGemini, type MockGeminiServer } from '@modelgate/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

const upstreamKey = 'AIza-gemini-backend-0123456789';
let mock: MockGeminiServer;
let server: RunningServer;
let client: GoogleGenAI;

beforeAll(async () => {
  mock = await startMockGemini({ apiKey: upstreamKey });
  server = await startServer({
    config: parseConfig({
      server: { log_level: 'silent' },
      auth: { master_key: testMasterKey },
      providers: { gemini: { type: 'google', base_url: mock.baseURL, api_key: upstreamKey } },
      models: [{ name: 'flash', deployments: [{ provider: 'gemini', model: 'gemini-2.5-flash' }] }],
      router: { retries: 0, timeout_ms: 5000 },
    }),
    host: '127.0.0.1',
    port: 0,
  });
  client = new GoogleGenAI({ apiKey: testMasterKey, httpOptions: { baseUrl: server.url } });
});

afterAll(async () => {
  await server.close();
  await mock.close();
});

beforeEach(() => {
  mock.requests.length = 0;
});

const chunk = (parts: unknown[], end?: Record<string, unknown>) => ({
  candidates: [{ content: { role: 'model', parts }, index: 0, ...end }],
  modelVersion: 'gemini-2.5-flash',
  responseId: 'resp-upstream',
});
const usageMetadata = { promptTokenCount: 4, candidatesTokenCount: 3, thoughtsTokenCount: 2, totalTokenCount: 9 };

type SentContents = { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }> };

describe('/v1beta/models in front of the Google plugin: thought signatures reach the client and come back', () => {
  it('answers generateContent with each signature on the part Gemini put it on', async () => {
    mock.enqueue({
      type: 'gemini-response',
      response: {
        ...chunk(
          [
            { text: 'Thinking it over.', thought: true, thoughtSignature: 'c2lnLXRob3VnaHQ=' },
            { text: 'Paris.', thoughtSignature: 'c2lnLXRleHQ=' },
          ],
          { finishReason: 'STOP' },
        ),
        usageMetadata,
      },
    });
    const response = await client.models.generateContent({
      model: 'flash',
      contents: 'Capital of France?',
      config: { thinkingConfig: { includeThoughts: true, thinkingBudget: -1 } },
    });
    expect(response.candidates?.[0]?.content?.parts).toEqual([
      { text: 'Thinking it over.', thought: true, thoughtSignature: 'c2lnLXRob3VnaHQ=' },
      { text: 'Paris.', thoughtSignature: 'c2lnLXRleHQ=' },
    ]);
    const [sent] = await mock.waitForRequests(1);
    expect(sent!.body).not.toHaveProperty('includeThoughts');
    expect(sent!.body).toMatchObject({ generationConfig: { thinkingConfig: { includeThoughts: true, thinkingBudget: -1 } } });
  });

  it('streams the signature of a thought and of a text part on a part of its kind, under one response id, and a chat sends them back', async () => {
    mock.enqueue({
      type: 'gemini-chunks',
      chunks: [
        chunk([{ text: 'Thinking.', thought: true, thoughtSignature: 'c2lnLXRob3VnaHQ=' }]),
        chunk([{ text: 'Par' }]),
        chunk([{ text: 'is.', thoughtSignature: 'c2lnLXRleHQ=' }]),
        { ...chunk([], { finishReason: 'STOP' }), usageMetadata },
      ],
    });
    const chat = client.chats.create({ model: 'flash', config: { thinkingConfig: { includeThoughts: true } } });
    const stream = await chat.sendMessageStream({ message: 'Capital of France?' });
    const parts: Array<Record<string, unknown>> = [];
    const ids = new Set<string | undefined>();
    for await (const piece of stream) {
      parts.push(...((piece.candidates?.[0]?.content?.parts ?? []) as Array<Record<string, unknown>>));
      ids.add(piece.responseId);
    }
    expect(parts.filter((part) => part.thoughtSignature !== undefined)).toEqual([
      { text: '', thought: true, thoughtSignature: 'c2lnLXRob3VnaHQ=' },
      { text: '', thoughtSignature: 'c2lnLXRleHQ=' },
    ]);
    expect(parts.map((part) => part.text).join('')).toBe('Thinking.Paris.');
    expect([...ids]).toEqual(['resp-upstream']);

    mock.enqueue({ type: 'gemini-response', response: { ...chunk([{ text: 'Lyon.' }], { finishReason: 'STOP' }), usageMetadata } });
    await chat.sendMessage({ message: 'And the second city?' });
    const [, second] = await mock.waitForRequests(2);
    const sent = (second!.body as SentContents).contents;
    expect(sent[0]).toEqual({ role: 'user', parts: [{ text: 'Capital of France?' }] });
    expect(sent.at(-1)).toEqual({ role: 'user', parts: [{ text: 'And the second city?' }] });
    const sentParts = sent.filter((content) => content.role === 'model').flatMap((content) => content.parts);
    expect(sentParts.map((part) => part.text ?? '').join('')).toBe('Thinking.Paris.');
    expect(sentParts.filter((part) => part.thoughtSignature !== undefined)).toEqual([
      expect.objectContaining({ thought: true, thoughtSignature: 'c2lnLXRob3VnaHQ=' }),
      expect.objectContaining({ thoughtSignature: 'c2lnLXRleHQ=' }),
    ]);
  });
});
