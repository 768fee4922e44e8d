import { parseConfig } from '@modelgate/core';
import { startMockAnthropic, startMockGemini, type MockAnthropicServer, type MockGeminiServer } from '@modelgate/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

/**
 * The Responses surface through the `openai` SDK in front of backends that think: Anthropic (thinking
 * blocks with a signature) and Gemini (thought parts with a thought signature). The reasoning comes
 * out as a `reasoning` item before the message, and goes back with its signature on the next turn.
 */
const anthropicKey = 'sk-ant-responses-0123456789abcdef';
const geminiKey = 'AIza-responses-0123456789';
let anthropic: MockAnthropicServer;
let gemini: MockGeminiServer;
let server: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  anthropic = await startMockAnthropic({ apiKey: anthropicKey });
  gemini = await startMockGemini({ apiKey: geminiKey });
  server = await startServer({
    config: parseConfig({
      server: { log_level: 'silent' },
      auth: { master_key: testMasterKey },
      providers: {
        claude: { type: 'anthropic', base_url: anthropic.url, api_key: anthropicKey },
        gemini: { type: 'google', base_url: gemini.baseURL, api_key: geminiKey },
      },
      models: [
        { name: 'claude', deployments: [{ provider: 'claude', model: 'claude-sonnet-4-5-20250929' }] },
        { name: 'flash', deployments: [{ provider: 'gemini', model: 'gemini-2.5-flash' }] },
      ],
      router: { retries: 0, timeout_ms: 5000 },
    }),
    host: '127.0.0.1',
    port: 0,
  });
  client = new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await anthropic.close();
  await gemini.close();
});

/** How many requests the Anthropic mock had before this test. */
let seen = 0;

/** The requests this test made, once there are `count`. */
async function requestsOfTest(count: number) {
  return (await anthropic.waitForRequests(seen + count)).slice(seen);
}

beforeEach(() => {
  anthropic.reset();
  seen = anthropic.requests.length;
  gemini.requests.length = 0;
});

const thinking = 'The user asks for a sum; two and two make four.';
const signature = 'EqQBCkYIBxgCKkBsignature';
const usage = { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 30 };

function enqueueThinking(): void {
  anthropic.enqueue({
    type: 'message',
    message: {
      content: [
        { type: 'thinking', thinking, signature },
        { type: 'text', text: 'Four.' },
      ],
      stopReason: 'end_turn',
      usage,
    },
  });
}

type AnthropicBody = { messages: Array<{ role: string; content: Array<Record<string, unknown>> }>; thinking?: unknown };

/** The request the Anthropic mock received for the second turn, and the assistant turn in it. */
async function secondTurn(): Promise<{ body: AnthropicBody; assistant: Array<Record<string, unknown>> }> {
  const [, second] = await requestsOfTest(2);
  const body = second!.body as AnthropicBody;
  const assistant = body.messages.find((message) => message.role === 'assistant')!.content;
  return { body, assistant };
}

function expectReasoningFirst(response: OpenAI.Responses.Response, summary: string): OpenAI.Responses.ResponseReasoningItem {
  expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
  const reasoning = response.output[0] as OpenAI.Responses.ResponseReasoningItem;
  expect(reasoning.summary).toEqual([{ type: 'summary_text', text: summary }]);
  expect(reasoning.encrypted_content).toEqual(expect.stringMatching(/^modelgate-reasoning\.v1:/));
  return reasoning;
}

describe('POST /v1/responses in front of a thinking Anthropic backend', () => {
  it('answers responses.create with the reasoning item first, then sends it back signed after previous_response_id', async () => {
    enqueueThinking();
    const first = await client.responses.create({ model: 'claude', input: 'Two plus two?', reasoning: { effort: 'low' } });
    expectReasoningFirst(first, thinking);
    expect(first.output_text).toBe('Four.');
    expect(first.output.some((item) => JSON.stringify(item).includes(signature))).toBe(false);

    anthropic.enqueue({ type: 'text', text: 'Eight.' });
    const second = await client.responses.create({ model: 'claude', input: 'And doubled?', previous_response_id: first.id });
    expect(second.output_text).toBe('Eight.');
    const { body, assistant } = await secondTurn();
    expect(body.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(assistant).toEqual([
      { type: 'thinking', thinking, signature },
      { type: 'text', text: 'Four.' },
    ]);
  });

  it('streams the reasoning summary with responses.stream, and continues through previous_response_id', async () => {
    enqueueThinking();
    const stream = client.responses.stream({ model: 'claude', input: 'Two plus two?', reasoning: { effort: 'low' } });
    let summaryText = '';
    stream.on('response.reasoning_summary_text.delta', (event) => {
      summaryText += event.delta;
    });
    const first = await stream.finalResponse();
    expect(summaryText).toBe(thinking);
    expectReasoningFirst(first, thinking);
    expect(first.output_text).toBe('Four.');
    const [sent] = await requestsOfTest(1);
    expect(sent!.body).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 2048 } });

    anthropic.enqueue({ type: 'text', text: 'Eight.' });
    const second = await client.responses
      .stream({ model: 'claude', input: 'And doubled?', previous_response_id: first.id })
      .finalResponse();
    expect(second.output_text).toBe('Eight.');
    const { assistant } = await secondTurn();
    expect(assistant[0]).toEqual({ type: 'thinking', thinking, signature });
    expect(
      assistant
        .slice(1)
        .map((block) => block.text)
        .join(''),
    ).toBe('Four.');
  });

  it('takes the reasoning item back from the input (store: false) with its signature', async () => {
    enqueueThinking();
    const first = await client.responses.create({ model: 'claude', input: 'Two plus two?', reasoning: { effort: 'low' }, store: false });
    anthropic.enqueue({ type: 'text', text: 'Eight.' });
    await client.responses.create({
      model: 'claude',
      store: false,
      input: [
        { role: 'user', content: 'Two plus two?' },
        ...(first.output as OpenAI.Responses.ResponseInputItem[]),
        { role: 'user', content: 'And doubled?' },
      ],
    });
    const { assistant } = await secondTurn();
    expect(assistant).toEqual([
      { type: 'thinking', thinking, signature },
      { type: 'text', text: 'Four.' },
    ]);
  });
});

describe('POST /v1/responses in front of a thinking Gemini backend', () => {
  const thought = { text: 'Paris is the capital.', thought: true, thoughtSignature: 'Z2VtaW5pLXNpZ25hdHVyZQ==' };
  const chunk = (parts: unknown[], end?: Record<string, unknown>) => ({
    candidates: [{ content: { role: 'model', parts }, index: 0, ...end }],
    modelVersion: 'gemini-2.5-flash',
    responseId: 'resp-gemini',
  });
  const usageMetadata = { promptTokenCount: 5, candidatesTokenCount: 2, thoughtsTokenCount: 4, totalTokenCount: 11 };
  type GeminiBody = { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }> };

  it('streams the thought as a reasoning item whose signature comes back to Gemini, by previous_response_id or as input', async () => {
    const answer = () =>
      gemini.enqueue({
        type: 'gemini-chunks',
        chunks: [chunk([thought]), chunk([{ text: 'Paris.' }]), { ...chunk([], { finishReason: 'STOP' }), usageMetadata }],
      });
    answer();
    const first = await client.responses
      .stream({ model: 'flash', input: 'Capital of France?', reasoning: { effort: 'low' } })
      .finalResponse();
    expectReasoningFirst(first, thought.text);
    expect(first.output_text).toBe('Paris.');

    gemini.enqueue({ type: 'gemini-response', response: { ...chunk([{ text: 'Lyon.' }], { finishReason: 'STOP' }), usageMetadata } });
    await client.responses.create({ model: 'flash', input: 'Second city?', previous_response_id: first.id });
    gemini.enqueue({ type: 'gemini-response', response: { ...chunk([{ text: 'Lyon.' }], { finishReason: 'STOP' }), usageMetadata } });
    await client.responses.create({
      model: 'flash',
      store: false,
      input: [
        { role: 'user', content: 'Capital of France?' },
        ...(first.output as OpenAI.Responses.ResponseInputItem[]),
        { role: 'user', content: 'Second city?' },
      ],
    });
    const requests = await gemini.waitForRequests(3);
    for (const request of requests.slice(1)) {
      const model = (request.body as GeminiBody).contents.find((content) => content.role === 'model')!;
      expect(model.parts).toEqual([{ text: thought.text, thought: true, thoughtSignature: thought.thoughtSignature }, { text: 'Paris.' }]);
    }
  });
});
