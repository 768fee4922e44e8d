import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/load-config.js';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import { createGateway } from '../../gateway/create-gateway.js';
import type { Gateway } from '../../gateway/gateway.js';
import type { Principal } from '../../specification/principal.js';
import { MemoryResponseStore } from './memory-response-store.js';
import { OpenAIResponsesSurface } from './openai-responses-surface.js';
import type { OpenAIResponsesResponse } from './openai-responses-wire-types.js';

const fixtures = fileURLToPath(new URL('../../test-fixtures/', import.meta.url));

function principal(id: string): Principal {
  return { id, kind: 'key', role: 'member', scopes: {} };
}

const alice = principal('key-alice');
const bob = principal('key-bob');

describe('the Responses surface over a gateway', () => {
  let gateway: Gateway | undefined;

  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  async function surface(): Promise<{ responses: OpenAIResponsesSurface; store: MemoryResponseStore }> {
    gateway = await createGateway(
      parseConfig(
        {
          providers: { echo: { plugin: './echo-provider/index.js', greeting: 'echo' } },
          models: [{ name: 'chat', deployments: [{ provider: 'echo', model: 'echo-1' }] }],
        },
        { baseDirectory: fixtures },
      ),
    );
    const store = new MemoryResponseStore();
    return { responses: new OpenAIResponsesSurface(gateway, store), store };
  }

  async function create(
    responses: OpenAIResponsesSurface,
    body: Record<string, unknown>,
    caller: Principal,
  ): Promise<OpenAIResponsesResponse> {
    const { codec, outcome } = await responses.create({ model: 'chat', ...body }, { principal: caller });
    if (outcome.stream || outcome.native) throw new Error('expected a canonical answer');
    return codec.encodeResponse(outcome.response, outcome.context) as OpenAIResponsesResponse;
  }

  it('stores an answer with its conversation and continues it with previous_response_id', async () => {
    const { responses, store } = await surface();
    const first = await create(responses, { input: 'one', instructions: 'Be brief.' }, alice);
    expect(first.output).toMatchObject([{ type: 'message', content: [{ type: 'output_text', text: 'echo: one' }] }]);
    const stored = await store.get(first.id);
    expect(stored?.owner).toBe('key-alice');
    expect(stored?.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'one' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'echo: one' }] },
    ]);
    const { outcome } = await responses.create({ model: 'chat', input: 'two', previous_response_id: first.id }, { principal: alice });
    expect(outcome.decoded.request.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(await responses.retrieve(first.id, alice)).toBe(stored?.response);
  });

  it('keeps each principal’s answers from every other principal', async () => {
    const { responses } = await surface();
    const mine = await create(responses, { input: 'secret' }, alice);
    await expect(responses.retrieve(mine.id, bob)).rejects.toSatisfy((error) => NotFoundError.isInstance(error));
    await expect(responses.delete(mine.id, bob)).rejects.toSatisfy((error) => NotFoundError.isInstance(error));
    await expect(responses.retrieve(mine.id, undefined)).rejects.toSatisfy((error) => NotFoundError.isInstance(error));
    const continued = responses.create({ model: 'chat', input: 'more', previous_response_id: mine.id }, { principal: bob });
    await expect(continued).rejects.toSatisfy((error) => InvalidRequestError.isInstance(error) && error.param === 'previous_response_id');
    // Still there for its owner.
    expect((await responses.retrieve(mine.id, alice)).id).toBe(mine.id);
    expect(await responses.delete(mine.id, alice)).toEqual({ id: mine.id, object: 'response', deleted: true });
    await expect(responses.retrieve(mine.id, alice)).rejects.toSatisfy((error) => NotFoundError.isInstance(error));
  });

  it('stores nothing with store: false', async () => {
    const { responses, store } = await surface();
    const answer = await create(responses, { input: 'forget', store: false }, alice);
    expect(await store.get(answer.id)).toBeUndefined();
    expect(store.size.responses).toBe(0);
  });
});
