import { parseConfig, type ChatOutcome, type MiddlewareV1 } from '@modelgate/core';
import { startMockOpenAI, type MockOpenAIServer } from '@modelgate/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JsonLineLogger } from './logging/json-line-logger.js';
import { startServer, type RunningServer } from './server.js';
import { mockGatewayConfig, testMasterKey } from './test-fixtures/mock-gateway.js';

/** A chat hook that changes nothing: its presence alone moves every request to the canonical path. */
const passThrough: MiddlewareV1 = { specificationVersion: 'v1', name: 'pass-through', beforeChat: async () => undefined };

/** `usage.cost`, the gateway's extension of OpenAI's usage object in a stream's last chunk. */
type CostedUsage = OpenAI.CompletionUsage & { cost?: number };

interface Path {
  name: 'native' | 'canonical';
  mock: MockOpenAIServer;
  server: RunningServer;
  client: OpenAI;
  lines: Record<string, unknown>[];
  served: boolean[];
}

async function startPath(name: Path['name']): Promise<Path> {
  const mock = await startMockOpenAI();
  const lines: Record<string, unknown>[] = [];
  const config = mockGatewayConfig(mock, {
    models: [
      // The OpenAI plugin's table: gpt-4o-mini is 0.15 in, 0.075 cached, 0.60 out per million.
      { name: 'smart', deployments: [{ provider: 'mock', model: 'gpt-4o-mini' }] },
      {
        name: 'negotiated',
        deployments: [{ provider: 'mock', model: 'gpt-4o-mini', input_cost_per_million: 1, output_cost_per_million: 2 }],
      },
      { name: 'house', deployments: [{ provider: 'mock', model: 'house-model' }] },
      { name: 'embed', deployments: [{ provider: 'mock', model: 'text-embedding-3-small' }] },
    ],
  });
  const server = await startServer({
    config: parseConfig(config),
    host: '127.0.0.1',
    port: 0,
    logger: new JsonLineLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
    ...(name === 'canonical' ? { middleware: [passThrough] } : {}),
  });
  const served: boolean[] = [];
  const runChat = server.gateway.runChat.bind(server.gateway);
  server.gateway.runChat = async (codec, body, context) => {
    const outcome: ChatOutcome<never> = await runChat(codec as never, body, context);
    served.push(outcome.native);
    return outcome as never;
  };
  const client = new OpenAI({ apiKey: testMasterKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
  return { name, mock, server, client, lines, served };
}

/** The access-log line of a request; it is written once the answer has left, so it may come a moment later. */
async function accessLine(path: Path, requestId: string): Promise<Record<string, unknown>> {
  return vi.waitFor(() => {
    const line = path.lines.find((candidate) => candidate.msg === 'request' && candidate.reqId === requestId);
    if (line === undefined) throw new Error(`no access line for ${requestId}`);
    return line;
  });
}

const cachedAndReasoning = {
  type: 'text' as const,
  content: 'A priced answer.',
  usage: { promptTokens: 1000, completionTokens: 200, cachedTokens: 400, reasoningTokens: 150 },
};
// 600 uncached × 0.15 + 400 cached × 0.075 + 200 output (reasoning included) × 0.60, per million.
const expectedCost = (600 * 0.15 + 400 * 0.075 + 200 * 0.6) / 1e6;

describe.each(['native', 'canonical'] as const)('call cost on the %s path', (name) => {
  let path: Path;

  beforeAll(async () => {
    path = await startPath(name);
  });

  afterAll(async () => {
    await path.server.close();
    await path.mock.close();
  });

  it('is the x-modelgate-cost-usd header of a whole answer and the cost_usd of its access line', async () => {
    path.mock.enqueue(cachedAndReasoning);
    const { data, response } = await path.client.chat.completions
      .create({ model: 'smart', messages: [{ role: 'user', content: 'Price this.' }] }, { headers: { 'x-request-id': `whole-${name}` } })
      .withResponse();
    expect(data.usage).toMatchObject({ prompt_tokens: 1000, completion_tokens: 200 });
    expect(response.headers.get('x-modelgate-cost-usd')).toBe('0.00024');
    expect(Number(response.headers.get('x-modelgate-cost-usd'))).toBeCloseTo(expectedCost, 12);
    const line = await accessLine(path, `whole-${name}`);
    expect(line.cost_usd).toBeCloseTo(expectedCost, 12);
    expect(line).toMatchObject({ inputTokens: 1000, outputTokens: 200 });
    expect(path.served.at(-1)).toBe(name === 'native');
  });

  it("is the final usage's cost of a stream that asked for usage, and its access line's cost_usd", async () => {
    path.mock.enqueue(cachedAndReasoning);
    const { data: stream, response } = await path.client.chat.completions
      .create(
        { model: 'smart', messages: [{ role: 'user', content: 'Stream a price.' }], stream: true, stream_options: { include_usage: true } },
        { headers: { 'x-request-id': `stream-${name}` } },
      )
      .withResponse();
    // Headers leave before the usage is known.
    expect(response.headers.get('x-modelgate-cost-usd')).toBeNull();
    let content = '';
    let usage: CostedUsage | undefined;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage as CostedUsage;
    }
    expect(content).toBe('A priced answer.');
    expect(usage).toMatchObject({ prompt_tokens: 1000, completion_tokens: 200, prompt_tokens_details: { cached_tokens: 400 } });
    expect(usage?.cost).toBeCloseTo(expectedCost, 12);
    expect((await accessLine(path, `stream-${name}`)).cost_usd).toBeCloseTo(expectedCost, 12);
  });

  it('sends no usage chunk to a stream that did not ask for one, but logs the cost', async () => {
    const stream = await path.client.chat.completions.create(
      { model: 'smart', messages: [{ role: 'user', content: 'No usage.' }], stream: true },
      { headers: { 'x-request-id': `quiet-${name}` } },
    );
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(typeof (await accessLine(path, `quiet-${name}`)).cost_usd).toBe('number');
  });

  it("uses the deployment's prices from the config over the plugin's table", async () => {
    path.mock.enqueue({ type: 'text', content: 'Negotiated.', usage: { promptTokens: 1000, completionTokens: 500 } });
    const { response } = await path.client.chat.completions
      .create({ model: 'negotiated', messages: [{ role: 'user', content: 'Hi.' }] })
      .withResponse();
    // 1000 × 1 + 500 × 2 per million; the table's 0.15 / 0.60 would give 0.00045.
    expect(response.headers.get('x-modelgate-cost-usd')).toBe('0.002');
  });

  it('has no cost header, no usage cost and no cost_usd when no price is known', async () => {
    const { response } = await path.client.chat.completions
      .create({ model: 'house', messages: [{ role: 'user', content: 'Hi.' }] }, { headers: { 'x-request-id': `house-${name}` } })
      .withResponse();
    expect(response.headers.get('x-modelgate-cost-usd')).toBeNull();
    expect(response.headers.get('x-modelgate-deployment')).toBe('mock/house-model');
    const line = await accessLine(path, `house-${name}`);
    expect(line.inputTokens).toBeGreaterThan(0);
    expect(line).not.toHaveProperty('cost_usd');
    const stream = await path.client.chat.completions.create({
      model: 'house',
      messages: [{ role: 'user', content: 'Hi.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: CostedUsage | undefined;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage as CostedUsage;
    expect(usage?.total_tokens).toBeGreaterThan(0);
    expect(usage).not.toHaveProperty('cost');
  });
});

describe('call cost of embeddings and the model list', () => {
  let path: Path;

  beforeAll(async () => {
    path = await startPath('native');
  });

  afterAll(async () => {
    await path.server.close();
    await path.mock.close();
  });

  it('prices an embedding call at the input price', async () => {
    const { data, response } = await path.client.embeddings
      .create({ model: 'embed', input: ['one two three', 'four five'] }, { headers: { 'x-request-id': 'embed-1' } })
      .withResponse();
    const expected = (data.usage.prompt_tokens * 0.02) / 1e6;
    expect(data.usage.prompt_tokens).toBeGreaterThan(0);
    expect(Number(response.headers.get('x-modelgate-cost-usd'))).toBeCloseTo(expected, 14);
    expect((await accessLine(path, 'embed-1')).cost_usd).toBeCloseTo(expected, 14);
  });

  it("lists each group with its first deployment's limits, capabilities and prices", async () => {
    const models = new Map<string, Record<string, unknown>>();
    for await (const model of path.client.models.list()) models.set(model.id, model as unknown as Record<string, unknown>);
    expect(models.get('smart')).toEqual({
      id: 'smart',
      object: 'model',
      created: expect.any(Number),
      owned_by: 'modelgate',
      context_window: 128_000,
      max_output_tokens: 16_384,
      capabilities: { tools: true, vision: true, json_schema: true },
      pricing: { input_cost_per_million: 0.15, cached_input_cost_per_million: 0.075, output_cost_per_million: 0.6 },
    });
    expect(models.get('negotiated')?.pricing).toEqual({
      input_cost_per_million: 1,
      cached_input_cost_per_million: 0.075,
      output_cost_per_million: 2,
    });
    expect(models.get('house')).toEqual({ id: 'house', object: 'model', created: expect.any(Number), owned_by: 'modelgate' });
    expect(models.get('embed')).toMatchObject({ context_window: 8191, capabilities: { embeddings: true } });
    const retrieved = (await path.client.models.retrieve('mock/gpt-4.1')) as unknown as Record<string, unknown>;
    expect(retrieved).toMatchObject({ id: 'mock/gpt-4.1', owned_by: 'mock', context_window: 1_047_576 });
  });
});
