import { InvalidRequestError, UpstreamError, type ChatMessageV1, type ChatRequestV1 } from '@modelgate/core';
import { collectStreamParts, startMockMistral, streamPartProblems, type MockMistralServer } from '@modelgate/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { MistralProvider } from './mistral-provider.js';

const apiKey = 'mistral-test-key-0123456789';
const user = (text: string): ChatMessageV1 => ({ role: 'user', content: [{ type: 'text', text }] });
const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
};

let mock: MockMistralServer | undefined;
let provider: MistralProvider | undefined;

afterEach(async () => {
  await provider?.close();
  await mock?.close();
  provider = undefined;
  mock = undefined;
});

async function setup(): Promise<{ mock: MockMistralServer; provider: MistralProvider }> {
  mock = await startMockMistral({ apiKey });
  provider = new MistralProvider({ baseURL: mock.baseURL, apiKey, environment: {} });
  return { mock, provider };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

function sentBody(server: MockMistralServer, index = -1): Record<string, unknown> {
  return server.requests.at(index)?.body as Record<string, unknown>;
}

/** A conversation that went through OpenAI first: its tool-call ids are OpenAI's. */
function openAIConversation(): ChatRequestV1 {
  return {
    model: 'alias',
    tools: [weatherTool],
    messages: [
      user('Weather in Oslo and Lima?'),
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'call_Oslo0123456789abcdef', toolName: 'get_weather', input: '{"city":"Oslo"}' },
          { type: 'tool-call', toolCallId: 'call_Lima0123456789abcdef', toolName: 'get_weather', input: '{"city":"Lima"}' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'call_Lima0123456789abcdef', output: { type: 'text', value: '19 C' } },
          {
            type: 'tool-result',
            toolCallId: 'call_Oslo0123456789abcdef',
            toolName: 'get_weather',
            output: { type: 'json', value: { celsius: -3 } },
          },
        ],
      },
    ],
  };
}

describe('Mistral tool-call ids across turns', () => {
  it('sends OpenAI-style ids as valid ids, pairs the results, and keeps the ids the client saw', async () => {
    const { mock, provider } = await setup();
    const request = openAIConversation();
    // Unmapped, the mock refuses the ids exactly as Mistral does.
    const refused = await rejection(
      fetch(`${mock.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'm',
          messages: [
            {
              role: 'assistant',
              content: '',
              tool_calls: [{ id: 'call_Oslo', type: 'function', function: { name: 'f', arguments: '{}' } }],
            },
            { role: 'tool', tool_call_id: 'call_Oslo', content: 'x' },
          ],
        }),
      }).then(async (response) => {
        throw Object.assign(new Error(await response.text()), { status: response.status });
      }),
    );
    expect(refused).toMatchObject({
      status: 400,
      message: expect.stringContaining('Tool call id was call_Oslo but must be a-z, A-Z, 0-9, with a length of 9.'),
    });

    mock.enqueue({ type: 'tool-calls', calls: [{ name: 'get_weather', input: '{"city":"Bergen"}' }] });
    const { response } = await provider.chat('mistral-small-latest').generate(request, {});
    const sent = sentBody(mock).messages as Record<string, unknown>[];
    const callIds = (sent[1]!.tool_calls as { id: string }[]).map((call) => call.id);
    expect(callIds.every((id) => /^[a-zA-Z0-9]{9}$/.test(id))).toBe(true);
    expect(sent.slice(2).map((message) => [message.tool_call_id, message.name])).toEqual([
      [callIds[1], 'get_weather'],
      [callIds[0], 'get_weather'],
    ]);
    const [call] = response.content.filter((part) => part.type === 'tool-call');
    expect(call?.toolCallId).toMatch(/^[a-zA-Z0-9]{9}$/);

    // Next turn: the client sends back Mistral's id and the old OpenAI ids; all map as before.
    mock.enqueue({ type: 'text', text: 'Cold, mild and windy.' });
    const nextTurn: ChatRequestV1 = {
      ...request,
      messages: [
        ...request.messages,
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: call!.toolCallId, toolName: 'get_weather', input: '{"city":"Bergen"}' }],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: call!.toolCallId, toolName: 'get_weather', output: { type: 'text', value: '8 C' } }],
        },
      ],
    };
    const next = await provider.chat('mistral-small-latest').generate(nextTurn, {});
    expect(next.response.content).toEqual([{ type: 'text', text: 'Cold, mild and windy.' }]);
    const resent = sentBody(mock).messages as Record<string, unknown>[];
    expect((resent[1]!.tool_calls as { id: string }[]).map((each) => each.id)).toEqual(callIds);
    expect((resent[4]!.tool_calls as { id: string }[])[0]?.id).toBe(call!.toolCallId);
    expect(resent[5]?.tool_call_id).toBe(call!.toolCallId);
  });
});

describe('Mistral settings', () => {
  it('sends seed as random_seed, required tools as any, safe_prompt from providerOptions.mistral', async () => {
    const { mock, provider } = await setup();
    await provider.chat('mistral-large-latest').generate(
      {
        model: 'alias',
        messages: [user('Go.')],
        seed: 7,
        tools: [weatherTool],
        toolChoice: { type: 'required' },
        providerOptions: { mistral: { safe_prompt: true } },
      },
      {},
    );
    expect(sentBody(mock)).toMatchObject({ model: 'mistral-large-latest', random_seed: 7, tool_choice: 'any', safe_prompt: true });
    expect(sentBody(mock)).not.toHaveProperty('seed');
  });

  it('drops what Mistral has no field for with a warning, and refuses it before any call in strict mode', async () => {
    const { mock, provider } = await setup();
    const request: ChatRequestV1 = { model: 'alias', messages: [user('Go.')], topK: 5, user: 'end-user-1' };
    const { response } = await provider.chat('mistral-small-latest').generate(request, {});
    expect(response.warnings.map((warning) => warning.setting)).toEqual(['topK', 'user']);
    expect(sentBody(mock)).not.toHaveProperty('top_k');
    expect(sentBody(mock)).not.toHaveProperty('user');
    const error = await rejection(provider.chat('mistral-small-latest').stream(request, { strict: true }));
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ param: 'topK', code: 'unsupported_parameter' });
    expect(mock.requests).toHaveLength(1);
  });

  it("reads Magistral's thinking chunks as reasoning, whole and streamed", async () => {
    const { mock, provider } = await setup();
    mock.enqueue({ type: 'reasoning', reasoning: 'Seventeen times twenty-three.', text: '391' });
    const { response } = await provider.chat('magistral-medium-latest').generate({ model: 'alias', messages: [user('17 × 23?')] }, {});
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Seventeen times twenty-three.' },
      { type: 'text', text: '391' },
    ]);
    mock.enqueue({ type: 'reasoning', reasoning: 'Seventeen times twenty-three.', text: '391' });
    const collected = await collectStreamParts(
      (await provider.chat('magistral-medium-latest').stream({ model: 'alias', messages: [user('17 × 23?')] }, {})).parts,
    );
    expect(streamPartProblems(collected.parts)).toEqual([]);
    const reasoning = collected.parts.flatMap((part) => (part.type === 'reasoning-delta' ? [part.delta] : [])).join('');
    const text = collected.parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');
    expect([reasoning, text]).toEqual(['Seventeen times twenty-three.', '391']);
  });

  it("maps Mistral's finish reasons, keeping the raw one", async () => {
    const { mock, provider } = await setup();
    const reasons = [];
    for (const finishReason of ['model_length', 'error', 'length'] as const) {
      mock.enqueue({ type: 'finish', text: 'Cut.', finishReason });
      reasons.push(
        (await provider.chat('mistral-small-latest').generate({ model: 'alias', messages: [user('Go.')] }, {})).response.finishReason,
      );
    }
    expect(reasons).toEqual([
      { unified: 'length', raw: 'model_length' },
      { unified: 'error', raw: 'error' },
      { unified: 'length', raw: 'length' },
    ]);
  });
});

describe('Mistral errors', () => {
  it("turns a 422's validation details into a message naming the field", async () => {
    const { provider } = await setup();
    const error = await rejection(
      provider
        .chat('mistral-small-latest')
        .generate({ model: 'alias', messages: [user('Go.')], providerOptions: { mistral: { seed: 1 } } }, {}),
    );
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ upstreamStatus: 422, param: 'seed', isRetryable: false });
    expect((error as Error).message).toContain('seed: Extra inputs are not permitted');
  });

  it('ends a stream with an error part when Mistral sends an error event', async () => {
    const { mock, provider } = await setup();
    mock.enqueue({ type: 'stream-error', afterChunks: 2, message: 'Service unavailable mid-answer.' });
    const collected = await collectStreamParts(
      (await provider.chat('mistral-small-latest').stream({ model: 'alias', messages: [user('Go.')] }, {})).parts,
    );
    const last = collected.parts.at(-1);
    expect(last?.type).toBe('error');
    expect((last as { error: Error }).error.message).toContain('Service unavailable mid-answer.');
  });
});

describe('Mistral embeddings, models and metadata', () => {
  it('asks for a size as output_dimension and lists models', async () => {
    const { mock, provider } = await setup();
    const { response } = await provider.embeddings('codestral-embed').embed({ model: 'alias', values: ['a', 'b'], dimensions: 256 }, {});
    expect(sentBody(mock)).toEqual({ model: 'codestral-embed', input: ['a', 'b'], output_dimension: 256 });
    expect(response.embeddings.map((vector) => vector.length)).toEqual([256, 256]);
    expect((await provider.listModels({})).map((model) => model.id)).toContain('mistral-embed');
  });

  it('knows the prices of current models by family, pinned version or -latest alias', () => {
    const mistral = new MistralProvider({ environment: {} });
    expect(mistral.modelMetadata('mistral-large-latest')?.prices).toEqual({ inputPerMillion: 0.5, outputPerMillion: 1.5 });
    expect(mistral.modelMetadata('mistral-large-2411')?.prices).toEqual({ inputPerMillion: 2, outputPerMillion: 6 });
    expect(mistral.modelMetadata('mistral-medium-2508')?.prices).toEqual({ inputPerMillion: 0.4, outputPerMillion: 2 });
    expect(mistral.modelMetadata('mistral-small-2506')).toMatchObject({
      id: 'mistral-small-2506',
      prices: { inputPerMillion: 0.1, outputPerMillion: 0.3 },
    });
    expect(mistral.modelMetadata('codestral-2508')?.prices).toEqual({ inputPerMillion: 0.3, outputPerMillion: 0.9 });
    expect(mistral.modelMetadata('ministral-8b-latest')?.prices?.inputPerMillion).toBe(0.15);
    expect(mistral.modelMetadata('magistral-medium-2509')?.capabilities?.reasoning).toBe(true);
    expect(mistral.modelMetadata('mistral-embed')?.capabilities?.embeddings).toBe(true);
    expect(mistral.modelMetadata('open-mixtral-8x22b')).toBeUndefined();
  });

  it('reads MISTRAL_API_KEY only for Mistral’s own host unless allowed', () => {
    const environment = { MISTRAL_API_KEY: 'from-env' };
    expect(new MistralProvider({ environment }).describeCredentials()).toMatchObject({
      state: 'set',
      environmentVariable: 'MISTRAL_API_KEY',
    });
    expect(new MistralProvider({ environment, baseURL: 'https://proxy.example.com/v1' }).describeCredentials().state).toBe('missing');
    expect(
      new MistralProvider({ environment, baseURL: 'https://proxy.example.com/v1', environmentFallback: true }).describeCredentials().state,
    ).toBe('set');
  });
});
