import { MissingCredentialError } from '@modelgate/core';
import { mockEmbedding } from '../openai/mock-embedding.js';
import { captureRejection } from './capture-rejection.js';
import { collectStreamEvents, finishReasons, joinedContent, toolCallDeltas } from './collect-stream-events.js';
import type { ConformanceTestApi } from './conformance-test-api.js';
import {
  bodyOf,
  chatRequest,
  createProviderHarness,
  describeError,
  type ProviderConformanceOptions,
} from './provider-conformance-harness.js';
import { registerProviderFailureTests } from './provider-failure-tests.js';

/**
 * Registers tests proving that a ProviderV1 speaking an OpenAI-compatible wire format behaves as
 * the gateway expects: request shape, answers, streams, tool calls, errors, aborts, embeddings and
 * credentials. Each test runs against its own `startMockOpenAI` upstream, closed in `finally`.
 *
 * ```ts
 * import { expect, it } from 'vitest';
 * providerConformanceSuite({ it, expect }, {
 *   name: 'openai',
 *   modelId: 'gpt-4.1-mini',
 *   createProvider: ({ baseURL, apiKey, environment }) => createMyProvider({ baseURL, apiKey, environment }),
 *   credential: { environmentVariable: 'OPENAI_API_KEY' },
 * });
 * ```
 */
export function providerConformanceSuite(test: ConformanceTestApi, options: ProviderConformanceOptions): void {
  const harness = createProviderHarness(test, options);
  const { it, expect, title, withProvider, apiKey, settleTimeoutMs, testTimeoutMs: timeout } = harness;
  const { modelId } = harness.options;

  it(title('declares specification version v1 for the provider and its chat model'), () =>
    withProvider(async (_mock, provider) => {
      expect(provider.specificationVersion).toBe('v1');
      const model = provider.chat(modelId);
      expect(model.specificationVersion).toBe('v1');
      expect(model.modelId).toBe(modelId);
    }), timeout);

  it(title('generate returns a canonical chat completion and sends the deployment model and bearer key'), () =>
    withProvider(async (mock, provider) => {
      mock.enqueue({ type: 'text', content: 'Hello, conformance suite!', usage: { promptTokens: 21, completionTokens: 6 } });
      const { response } = await provider.chat(modelId).generate(chatRequest(), {});
      expect(response.object).toBe('chat.completion');
      expect(response.choices[0]?.message.role).toBe('assistant');
      expect(response.choices[0]?.message.content).toBe('Hello, conformance suite!');
      expect(response.choices[0]?.finish_reason).toBe('stop');
      expect(response.usage?.prompt_tokens).toBe(21);
      expect(response.usage?.completion_tokens).toBe(6);
      expect(response.usage?.total_tokens).toBe(27);

      expect(mock.requests, 'requests the upstream received').toHaveLength(1);
      const [request] = mock.requests;
      expect(request?.path).toMatch(/\/chat\/completions$/);
      expect(request?.headers.authorization, 'the Authorization header').toBe(`Bearer ${apiKey}`);
      expect(bodyOf(request)['model'], 'the model sent upstream').toBe(modelId);
      expect(JSON.stringify(bodyOf(request)['messages'])).toContain('Say hello to the conformance suite.');
    }), timeout);

  it(title('stream yields the text, asks upstream for usage, and ends with exactly one finish carrying usage'), () =>
    withProvider(async (mock, provider) => {
      const text = 'Streaming works one fragment at a time.';
      mock.enqueue({ type: 'text', content: text, usage: { promptTokens: 13, completionTokens: 7 } });
      const stream = await provider.chat(modelId).stream(chatRequest(), {});
      const { events, didThrow, thrown } = await collectStreamEvents(stream.events);
      expect(didThrow, `the stream threw ${describeError(thrown)}`).toBe(false);
      expect(joinedContent(events)).toBe(text);
      expect(finishReasons(events)).toContain('stop');
      const finishes = events.filter((event) => event.type === 'finish');
      expect(finishes, 'finish events').toHaveLength(1);
      expect(events.filter((event) => event.type === 'error'), 'error events').toHaveLength(0);
      expect(events.at(-1)?.type, 'the last event').toBe('finish');
      const usage = finishes[0]?.type === 'finish' ? finishes[0].usage : undefined;
      expect(usage?.prompt_tokens, 'finish usage prompt_tokens').toBe(13);
      expect(usage?.completion_tokens, 'finish usage completion_tokens').toBe(7);
      expect(usage?.total_tokens, 'finish usage total_tokens').toBe(20);

      const body = bodyOf(mock.requests[0]);
      expect(body['stream'], 'stream sent upstream').toBe(true);
      expect(body['model'], 'the model sent upstream').toBe(modelId);
      const streamOptions = body['stream_options'] as { include_usage?: unknown } | null | undefined;
      expect(streamOptions?.include_usage, 'stream_options.include_usage sent upstream').toBe(true);
    }), timeout);

  it(title('generate returns parallel tool calls with their exact arguments'), () =>
    withProvider(async (mock, provider) => {
      const calls = [
        { name: 'get_weather', arguments: '{"city":"Lisbon","unit":"celsius"}' },
        { name: 'get_time', arguments: '{"timezone": "Europe/Lisbon", "format": "24h"}' },
      ];
      mock.enqueue({ type: 'tool_calls', calls });
      const { response } = await provider.chat(modelId).generate(chatRequest(), {});
      const toolCalls = response.choices[0]?.message.tool_calls ?? [];
      expect(response.choices[0]?.finish_reason).toBe('tool_calls');
      expect(toolCalls.map((call) => [call.type, call.function.name, call.function.arguments])).toEqual(
        calls.map((call) => ['function', call.name, call.arguments]),
      );
      expect(new Set(toolCalls.map((call) => call.id)).size, 'distinct tool call ids').toBe(2);
    }), timeout);

  it(title('stream delivers parallel tool calls with indexes 0 and 1, id and name first, arguments reassembled'), () =>
    withProvider(async (mock, provider) => {
      const calls = [
        { name: 'search_flights', arguments: '{"from": "CDG", "to": "JFK", "passengers": [{"age": 34}, {"age": 7}]}' },
        { name: 'search_hotels', arguments: '{"city":"New York","nights":3}' },
      ];
      mock.enqueue({ type: 'tool_calls', calls });
      const stream = await provider.chat(modelId).stream(chatRequest(), {});
      const { events, didThrow, thrown } = await collectStreamEvents(stream.events);
      expect(didThrow, `the stream threw ${describeError(thrown)}`).toBe(false);
      const deltas = toolCallDeltas(events);
      const indexes = [...new Set(deltas.map((delta) => delta.index))].sort();
      expect(indexes, 'tool call indexes').toEqual([0, 1]);
      const ids: string[] = [];
      calls.forEach((call, index) => {
        const ofCall = deltas.filter((delta) => delta.index === index);
        const first = ofCall[0];
        expect(typeof first?.id === 'string' && first.id.length > 0, `the first delta of call ${index} has an id`).toBe(true);
        expect(first?.function?.name, `the first delta of call ${index} has the name`).toBe(call.name);
        ids.push(first?.id ?? '');
        const joined = ofCall.map((delta) => delta.function?.arguments ?? '').join('');
        expect(joined, `the arguments of call ${index}`).toBe(call.arguments);
      });
      expect(new Set(ids).size, 'distinct tool call ids').toBe(2);
      expect(finishReasons(events)).toContain('tool_calls');
      expect(events.filter((event) => event.type === 'finish'), 'finish events').toHaveLength(1);
    }), timeout);

  registerProviderFailureTests(harness);

  if (options.embeddings !== false) {
    const embeddingModelId = options.embeddings?.modelId ?? 'text-embedding-3-small';
    it(title('embeddings return one vector per input, in order (when the provider has embeddings)'), () =>
      withProvider(async (mock, provider) => {
        if (!provider.embeddings) return;
        const inputs = ['first document', 'second document', 'third document'];
        const { response } = await provider.embeddings(embeddingModelId).embed({ model: 'conformance-embedding-alias', input: inputs }, {});
        expect(response.object).toBe('list');
        expect(response.data, 'embeddings').toHaveLength(inputs.length);
        expect(response.data.map((item) => item.index)).toEqual([0, 1, 2]);
        inputs.forEach((input, index) => {
          const vector = response.data[index]?.embedding;
          expect(Array.isArray(vector), `embedding ${index} is an array of numbers`).toBe(true);
          const dimensions = Array.isArray(vector) ? vector.length : 0;
          expect(vector, `embedding ${index}`).toEqual(mockEmbedding(input, dimensions));
        });
        expect(response.usage.prompt_tokens).toBeGreaterThan(0);
        expect(bodyOf(mock.requests[0])['model'], 'the model sent upstream').toBe(embeddingModelId);
        expect(mock.requests[0]?.headers.authorization, 'the Authorization header').toBe(`Bearer ${apiKey}`);
      }), timeout);
  }

  if (options.credential) {
    const { environmentVariable } = options.credential;
    it(title(`a missing API key fails with MissingCredentialError naming ${environmentVariable}`), () =>
      withProvider(async (mock, provider) => {
        const error = await captureRejection(provider.chat(modelId).generate(chatRequest(), {}), 'generate', settleTimeoutMs);
        expect(MissingCredentialError.isInstance(error), `MissingCredentialError.isInstance(${describeError(error)})`).toBe(true);
        if (!MissingCredentialError.isInstance(error)) return;
        expect(error.environmentVariable).toBe(environmentVariable);
        expect(error.message).toContain(environmentVariable);
        expect(mock.requests, 'requests the upstream received').toHaveLength(0);
      }, { apiKey: '', environment: {} }).catch((error: unknown) => {
        // A provider may also refuse to be created without a key.
        if (!MissingCredentialError.isInstance(error)) throw error;
        expect(error.environmentVariable).toBe(environmentVariable);
        expect(error.message).toContain(environmentVariable);
      }), timeout);

    it(title(`reads the API key from ${environmentVariable} when its settings have none`), () =>
      withProvider(async (mock, provider) => {
        mock.enqueue({ type: 'text', content: 'Key from the environment.' });
        const { response } = await provider.chat(modelId).generate(chatRequest(), {});
        expect(response.choices[0]?.message.content).toBe('Key from the environment.');
        expect(mock.requests[0]?.headers.authorization, 'the Authorization header').toBe(`Bearer ${apiKey}`);
      }, { apiKey: '', environment: { [environmentVariable]: apiKey } }), timeout);
  }
}
