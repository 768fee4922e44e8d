import type { ConformanceUsage } from '@modelgate/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { backendToolTurn } from './test-fixtures/backend-tool-turns.js';
import { matrixSurfaces, type SurfaceClient, type SurfaceUsage, type UsageDetail } from './test-fixtures/matrix-surfaces.js';
import { startEveryBackend, type BackendName, type EveryBackend, type RunningBackend } from './test-fixtures/start-every-backend.js';

// Every client surface in front of every backend plugin, through the official SDKs (openai for Chat
// Completions and Responses, @anthropic-ai/sdk, @google/genai): text, finish reasons, two parallel tool
// calls and their results, and usage, streamed and not.
let every: EveryBackend;
let server: RunningServer;
let surfaces: SurfaceClient[];

beforeAll(async () => {
  every = await startEveryBackend();
  server = await startServer({ config: every.config, host: '127.0.0.1', port: 0 });
  surfaces = matrixSurfaces(server.url);
});

afterAll(async () => {
  await server?.close();
  await every?.close();
});

/**
 * The usage each backend reports, in canonical meaning, with the details its wire can carry: OpenAI,
 * Azure and Google report cache reads and reasoning but no cache writes; Anthropic and Bedrock cache
 * reads and writes but no reasoning count; Cohere's and Mistral's usage has neither.
 */
const reportedUsage: Record<BackendName, ConformanceUsage> = {
  openai: { inputTokens: 40, outputTokens: 7, cacheReadTokens: 30, reasoningTokens: 3 },
  anthropic: { inputTokens: 40, outputTokens: 7, cacheReadTokens: 20, cacheWriteTokens: 10 },
  gemini: { inputTokens: 40, outputTokens: 7, cacheReadTokens: 30, reasoningTokens: 3 },
  vertex: { inputTokens: 40, outputTokens: 7, cacheReadTokens: 30, reasoningTokens: 3 },
  bedrock: { inputTokens: 40, outputTokens: 7, cacheReadTokens: 20, cacheWriteTokens: 10 },
  azure: { inputTokens: 40, outputTokens: 7, cacheReadTokens: 30, reasoningTokens: 3 },
  cohere: { inputTokens: 40, outputTokens: 7 },
  mistral: { inputTokens: 40, outputTokens: 7 },
};

/** What a surface shows of a backend's usage: input and output always, each detail it has a field for (0 when unreported). */
function expectedUsage(surface: SurfaceClient, usage: ConformanceUsage): SurfaceUsage {
  const details: Record<UsageDetail, number | undefined> = {
    cacheRead: usage.cacheReadTokens,
    cacheWrite: usage.cacheWriteTokens,
    reasoning: usage.reasoningTokens,
  };
  return {
    input: usage.inputTokens,
    output: usage.outputTokens,
    ...Object.fromEntries(surface.usageDetails.map((detail) => [detail, details[detail] ?? 0])),
  };
}

const surfaceNames = ['chat completions', 'messages', 'responses', 'gemini'] as const;
const backendNames: readonly BackendName[] = ['openai', 'anthropic', 'gemini', 'vertex', 'bedrock', 'azure', 'cohere', 'mistral'];
const answer = 'Sunny in Oslo, and it is noon there.';
const preamble = 'Let me look both up.';
const calls = [
  { name: 'get_weather', input: '{"city":"Oslo"}' },
  // Nested values, escapes and non-ASCII text, which streams split mid-way.
  { name: 'get_time', input: '{"zone":"Europe/Oslo","formats":["24h",{"iso":true}],"note":"say \\"noon\\" — ø"}' },
];
const results = ['weather-result-sunny', 'time-result-noon'];

/**
 * A tool result as each backend's wire carries it, from the value the surface sent: Gemini clients send
 * an object (`functionResponse.response`), the others text. Google's wire has the value under `output`
 * (ADR 0026); Bedrock's a `text` or `json` block; the rest JSON text.
 */
const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
const backendResultContent: Record<BackendName, (value: unknown) => string> = {
  openai: asText,
  anthropic: asText,
  gemini: (value) => JSON.stringify({ output: value }),
  vertex: (value) => JSON.stringify({ output: value }),
  bedrock: (value) => JSON.stringify([typeof value === 'string' ? { text: value } : { json: value }]),
  azure: asText,
  cohere: asText,
  mistral: asText,
};

function surface(name: string): SurfaceClient {
  return surfaces.find((candidate) => candidate.name === name)!;
}

function backend(name: BackendName): RunningBackend {
  return every.backends.find((candidate) => candidate.name === name)!;
}

for (const surfaceName of surfaceNames) {
  for (const backendName of backendNames) {
    for (const stream of [false, true]) {
      describe(`${surfaceName} → ${backendName}${stream ? ', streamed' : ''}`, () => {
        it('answers with the backend text, exactly, and its usage', async () => {
          const usage = reportedUsage[backendName];
          backend(backendName).upstream.enqueue({ type: 'text', text: answer, usage });
          const client = surface(surfaceName);
          const result = await client.text(backendName, stream);
          expect(result.text).toBe(answer);
          expect(result.finish).toBe(client.finishes.text);
          expect(result.usage).toEqual(expectedUsage(client, usage));
        });

        it('shows a truncated answer with the surface’s length finish', async () => {
          backend(backendName).upstream.enqueue({ type: 'text', text: answer, finishReason: 'length' });
          const client = surface(surfaceName);
          const result = await client.text(backendName, stream);
          expect(result.text).toBe(answer);
          expect(result.finish).toBe(client.finishes.length);
        });

        it('shows two parallel tool calls, then carries their results to the backend in its own form', async () => {
          const running = backend(backendName);
          const usage = reportedUsage[backendName];
          running.upstream.enqueue({ type: 'tool-calls', text: preamble, calls, usage });
          const client = surface(surfaceName);
          const turn = await client.toolCalls(backendName, stream);
          expect(turn.text).toBe(preamble);
          expect(turn.finish).toBe(client.finishes.toolCalls);
          expect(turn.usage).toEqual(expectedUsage(client, usage));
          expect(turn.calls.map((call) => [call.name, call.input])).toEqual(calls.map((call) => [call.name, JSON.parse(call.input)]));
          expect(new Set(turn.calls.map((call) => call.id)).size).toBe(2);
          for (const call of turn.calls) {
            if (call.fragments !== undefined) expect(JSON.parse(call.fragments)).toEqual(call.input);
          }

          running.upstream.enqueue({ type: 'text', text: answer });
          expect(await turn.followUp(results)).toBe(answer);
          const sent = backendToolTurn(backendName, running.upstream.requests.at(-1)!);
          expect(sent.calls.map((call) => call.name)).toEqual(calls.map((call) => call.name));
          expect(sent.results).toHaveLength(2);
          sent.results.forEach((result, index) => {
            const call = sent.calls.find((candidate) => candidate.link === result.link);
            expect(call?.name).toBe(calls[index]!.name);
            expect(result.content).toBe(
              backendResultContent[backendName](surfaceName === 'gemini' ? { result: results[index] } : results[index]!),
            );
          });
        });
      });
    }
  }
}
