import { CohereClient, CohereClientV2 } from 'cohere-ai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JsonLineLogger } from './logging/json-line-logger.js';
import { cohereTestKey, startCohereGateway, type CohereGateway } from './test-fixtures/cohere-gateway.js';
import { testMasterKey } from './test-fixtures/mock-gateway.js';

let harness: CohereGateway;

beforeAll(async () => {
  harness = await startCohereGateway();
});

afterAll(async () => {
  await harness.close();
});

/** What a Cohere-style client sends: `POST {base}/v1/rerank` with a Bearer key and Cohere's JSON body. */
async function rerank(body: unknown, key = testMasterKey): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${harness.server.url}/v1/rerank`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json', 'x-client-name': 'e2e' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

const documents = [
  'Carson City is the capital city of the American state of Nevada.',
  'Washington, D.C. is the capital of the United States.',
  'Capital punishment has existed in the United States since before it was a country.',
  { text: 'The capital of France is Paris.' },
];

describe('POST /v1/rerank in front of Cohere', () => {
  it("answers in Cohere's shape, sorted by score, with documents when asked, and sends Cohere's v2 body upstream", async () => {
    const before = harness.upstream.requests.length;
    const { status, headers, json } = await rerank({
      model: 'cohere/rerank-v3.5',
      query: 'What is the capital of the United States?',
      documents,
      top_n: 3,
      return_documents: true,
      max_tokens_per_doc: 1024,
    });
    expect(status).toBe(200);
    expect(headers.get('x-modelgate-deployment')).toBe('cohere/rerank-v3.5');
    expect(json.results).toEqual([
      { index: 1, relevance_score: 0.857143, document: { text: 'Washington, D.C. is the capital of the United States.' } },
      // A tie keeps the documents' order.
      { index: 0, relevance_score: 0.571429, document: { text: documents[0] } },
      { index: 2, relevance_score: 0.571429, document: { text: documents[2] } },
    ]);
    expect(json.meta).toEqual({ api_version: { version: '2' }, billed_units: { search_units: 1 } });
    expect(typeof json.id).toBe('string');
    const sent = harness.upstream.requests[before]!;
    expect(sent.path).toBe('/v2/rerank');
    expect(sent.headers.authorization).toBe(`Bearer ${cohereTestKey}`);
    expect(sent.body).toEqual({
      model: 'rerank-v3.5',
      query: 'What is the capital of the United States?',
      documents: [...documents.slice(0, 3), 'The capital of France is Paris.'],
      top_n: 3,
      max_tokens_per_doc: 1024,
    });
  });

  it('passes over a deployment without rerank without using up a retry (router.retries is 0)', async () => {
    const attempts: string[] = [];
    for (let round = 0; round < 6; round += 1) {
      const { status, headers, json } = await rerank({
        model: 'rerank',
        query: 'capital of France',
        documents: ['Paris is the capital of France.', 'Rome'],
      });
      expect(status).toBe(200);
      expect(headers.get('x-modelgate-deployment')).toBe('cohere/rerank-v3.5');
      expect((json.results as { index: number }[]).map((result) => result.index)).toEqual([0, 1]);
      attempts.push(headers.get('x-modelgate-attempts') ?? '');
    }
    // With weights 99:1 the plain deployment is tried first (and skipped) in practically every round.
    expect(attempts).toContain('2');
  });

  it('answers 400 naming the provider and the ability when no deployment can rerank', async () => {
    const { status, json } = await rerank({ model: 'no-rerank', query: 'q', documents: ['d'] });
    expect(status).toBe(400);
    expect(json).toEqual({
      error: {
        message: 'Provider "plain" does not serve rerank.',
        type: 'invalid_request_error',
        param: 'model',
        code: 'unsupported_ability',
      },
    });
  });

  it('refuses a bad body with a 400 in the OpenAI error shape naming the field, before any upstream call', async () => {
    const before = harness.upstream.requests.length;
    for (const [body, param] of [
      [{ query: 'q', documents: ['d'] }, 'model'],
      [{ model: 'cohere/rerank-v3.5', documents: ['d'] }, 'query'],
      [{ model: 'cohere/rerank-v3.5', query: 'q', documents: [] }, 'documents'],
      [{ model: 'cohere/rerank-v3.5', query: 'q', documents: ['d', 7] }, 'documents[1]'],
      [{ model: 'cohere/rerank-v3.5', query: 'q', documents: [{ title: 'no text' }] }, 'documents[0]'],
      [{ model: 'cohere/rerank-v3.5', query: 'q', documents: ['d'], top_n: 0 }, 'top_n'],
      [{ model: 'cohere/rerank-v3.5', query: 'q', documents: ['d'], return_documents: 'yes' }, 'return_documents'],
      [{ model: 'cohere/rerank-v3.5', query: 'q', documents: ['d'], max_tokens_per_doc: -1 }, 'max_tokens_per_doc'],
    ] as const) {
      const { status, json } = await rerank(body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.error).toMatchObject({ type: 'invalid_request_error', param });
    }
    expect(harness.upstream.requests.length).toBe(before);
  });

  it("needs the gateway's key, and maps Cohere's own errors", async () => {
    expect((await rerank({ model: 'cohere/rerank-v3.5', query: 'q', documents: ['d'] }, 'wrong-key-of-some-length')).status).toBe(401);
    harness.upstream.enqueue({ type: 'http-error', status: 400, message: 'invalid request: max_tokens_per_doc must be at most 4096' });
    const refused = await rerank({ model: 'cohere/rerank-v3.5', query: 'q', documents: ['d'], max_tokens_per_doc: 99999 });
    expect(refused.status).toBe(400);
    expect((refused.json.error as { message: string }).message).toContain('max_tokens_per_doc must be at most 4096');
    harness.upstream.enqueue({ type: 'rate-limit', retryAfterSeconds: 1 });
    expect((await rerank({ model: 'cohere/rerank-v3.5', query: 'q', documents: ['d'] })).status).toBe(429);
  });
});

describe("Cohere's own SDK against the gateway", () => {
  const query = 'What is the capital of the United States?';
  const texts = documents.map((document) => (typeof document === 'string' ? document : document.text));

  it('reranks with CohereClientV2 (POST /v2/rerank), the gateway key as its token', async () => {
    const client = new CohereClientV2({ token: testMasterKey, environment: harness.server.url, maxRetries: 0 });
    const before = harness.upstream.requests.length;
    const answer = await client.rerank({ model: 'cohere/rerank-v3.5', query, documents: texts, topN: 2 });
    expect(answer.results).toEqual([
      { index: 1, relevanceScore: 0.857143 },
      { index: 0, relevanceScore: 0.571429 },
    ]);
    expect(harness.upstream.requests[before]!.headers.authorization).toBe(`Bearer ${cohereTestKey}`);
  });

  it('reranks with the v1 CohereClient (POST /v1/rerank), documents returned when asked', async () => {
    const client = new CohereClient({ token: testMasterKey, environment: harness.server.url, maxRetries: 0 });
    const answer = await client.rerank({ model: 'cohere/rerank-v3.5', query, documents: texts, topN: 1, returnDocuments: true });
    expect(answer.results).toEqual([{ index: 1, relevanceScore: 0.857143, document: { text: texts[1] } }]);
  });

  it("surfaces a refusal as the SDK's error, with the status", async () => {
    const client = new CohereClientV2({ token: 'sk-not-the-gateway-key', environment: harness.server.url, maxRetries: 0 });
    await expect(client.rerank({ model: 'cohere/rerank-v3.5', query, documents: texts })).rejects.toMatchObject({ statusCode: 401 });
  });
});

describe('the cost of a rerank call', () => {
  let priced: CohereGateway;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    priced = await startCohereGateway(
      {
        models: [
          { name: 'listed', deployments: [{ provider: 'cohere', model: 'rerank-v3.5' }] },
          { name: 'negotiated', deployments: [{ provider: 'cohere', model: 'rerank-v3.5', cost_per_search_unit: 0.0015 }] },
        ],
      },
      new JsonLineLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
    );
  });

  afterAll(async () => {
    await priced.close();
  });

  async function accessLine(requestId: string): Promise<Record<string, unknown>> {
    return vi.waitFor(() => {
      const line = lines.find((candidate) => candidate.msg === 'request' && candidate.reqId === requestId);
      if (line === undefined) throw new Error(`no access line for ${requestId}`);
      return line;
    });
  }

  async function rerankPriced(model: string, documents: string[], requestId: string): Promise<Response> {
    return fetch(`${priced.server.url}/v2/rerank`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testMasterKey}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ model, query: 'capital', documents }),
    });
  }

  // 150 documents: the mock bills 2 search units (one per 100 documents), as Cohere does.
  const many = Array.from({ length: 150 }, (_, index) => `document ${index}`);

  it("is the search units Cohere billed × the model's price per unit, on the access line (Cohere SDK)", async () => {
    const client = new CohereClientV2({ token: testMasterKey, environment: priced.server.url, maxRetries: 0 });
    const answer = await client.rerank(
      { model: 'listed', query: 'capital', documents: many, topN: 1 },
      { headers: { 'x-request-id': 'rerank-sdk' } },
    );
    expect(answer.meta?.billedUnits?.searchUnits).toBe(2);
    expect((await accessLine('rerank-sdk')).cost_usd).toBeCloseTo(2 * 0.002, 12);
  });

  it('is the x-modelgate-cost-usd header of the answer', async () => {
    const response = await rerankPriced('listed', many, 'rerank-header');
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('x-modelgate-cost-usd'))).toBeCloseTo(2 * 0.002, 12);
  });

  it("takes the deployment's cost_per_search_unit over the plugin's price", async () => {
    const response = await rerankPriced('negotiated', ['Paris', 'Rome'], 'rerank-negotiated');
    expect(Number(response.headers.get('x-modelgate-cost-usd'))).toBeCloseTo(0.0015, 12);
    expect((await accessLine('rerank-negotiated')).cost_usd).toBeCloseTo(0.0015, 12);
  });

  it('lists rerank among the capabilities of a Cohere rerank model, with its price per search unit', async () => {
    const response = await fetch(`${priced.server.url}/v1/models`, { headers: { authorization: `Bearer ${testMasterKey}` } });
    const models = ((await response.json()) as { data: Record<string, unknown>[] }).data;
    const listed = models.find((model) => model.id === 'listed');
    expect(listed?.capabilities).toEqual({ rerank: true });
    expect(listed?.pricing).toMatchObject({ cost_per_search_unit: 0.002 });
    expect(models.find((model) => model.id === 'negotiated')?.pricing).toMatchObject({ cost_per_search_unit: 0.0015 });
  });
});
