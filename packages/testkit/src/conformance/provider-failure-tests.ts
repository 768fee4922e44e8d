import { ModelgateError, UpstreamError } from '@modelgate/core';
import { captureRejection } from './capture-rejection.js';
import { collectStreamParts, partsOfType } from './collect-stream-parts.js';
import { chatRequest, describeError, type ProviderHarness } from './provider-conformance-harness.js';
import { streamPartProblems } from './stream-part-problems.js';

/** Upstream failures: 429, 400 and 5xx reject with a typed `UpstreamError`; a drop or an error event mid-stream is one `error` part. */
export function registerProviderFailureTests(harness: ProviderHarness): void {
  const { expect, test, settleTimeoutMs } = harness;
  const { modelId } = harness.options;

  test(
    'a 429 with retry-after rejects generate and stream with a retryable UpstreamError carrying retryAfterMs',
    ['rate-limit'],
    async (upstream, provider) => {
      upstream.enqueue({ type: 'rate-limit', retryAfterSeconds: 3 }, { type: 'rate-limit', retryAfterSeconds: 3 });
      const model = provider.chat(modelId);
      for (const [call, start] of [
        ['generate', () => model.generate(chatRequest(), {})],
        ['stream', () => model.stream(chatRequest(), {})],
      ] as const) {
        const error = await captureRejection(start(), call, settleTimeoutMs);
        expect(UpstreamError.isInstance(error), `${call}: UpstreamError.isInstance(${describeError(error)})`).toBe(true);
        if (!UpstreamError.isInstance(error)) return;
        expect(error.isRetryable, `${call}: isRetryable`).toBe(true);
        expect(error.retryAfterMs, `${call}: retryAfterMs`).toBe(3000);
        expect(error.upstreamStatus, `${call}: upstreamStatus`).toBe(429);
      }
    },
  );

  test(
    'a 400 rejects with an UpstreamError that is not retryable and keeps the upstream message',
    ['http-error'],
    async (upstream, provider) => {
      const message = 'The value of temperature is out of range for this model.';
      upstream.enqueue({ type: 'http-error', status: 400, message });
      const error = await captureRejection(provider.chat(modelId).generate(chatRequest(), {}), 'generate', settleTimeoutMs);
      expect(UpstreamError.isInstance(error), `UpstreamError.isInstance(${describeError(error)})`).toBe(true);
      if (!UpstreamError.isInstance(error)) return;
      expect(error.upstreamStatus, 'upstreamStatus').toBe(400);
      expect(error.isRetryable, 'isRetryable').toBe(false);
      expect(error.message, 'the message').toContain(message);
    },
  );

  test(
    'a 500 rejects generate and a 503 rejects stream before the first part, both retryable',
    ['http-error'],
    async (upstream, provider) => {
      upstream.enqueue(
        { type: 'http-error', status: 500, message: 'The server had an error.' },
        { type: 'http-error', status: 503, message: 'The engine is overloaded.' },
      );
      const model = provider.chat(modelId);
      for (const [call, start, status] of [
        ['generate', () => model.generate(chatRequest(), {}), 500],
        ['stream', () => model.stream(chatRequest(), {}), 503],
      ] as const) {
        const error = await captureRejection(start(), call, settleTimeoutMs);
        expect(UpstreamError.isInstance(error), `${call}: UpstreamError.isInstance(${describeError(error)})`).toBe(true);
        if (!UpstreamError.isInstance(error)) return;
        expect(error.isRetryable, `${call}: isRetryable`).toBe(true);
        expect(error.upstreamStatus, `${call}: upstreamStatus`).toBe(status);
      }
    },
  );

  test('a connection dropped mid-stream yields one error part, last, and no finish', ['drop'], async (upstream, provider) => {
    upstream.enqueue({ type: 'drop', afterChunks: 3, text: 'This answer is cut off in the middle of a sentence.' });
    const stream = await provider.chat(modelId).stream(chatRequest(), {});
    const { parts, didThrow, thrown } = await collectStreamParts(stream.parts, { timeoutMs: settleTimeoutMs });
    expect(didThrow, `the stream threw ${describeError(thrown)} instead of yielding an error part`).toBe(false);
    expect(streamPartProblems(parts), 'stream rule breaches').toEqual([]);
    const errors = partsOfType(parts, 'error');
    expect(errors, 'error parts').toHaveLength(1);
    expect(partsOfType(parts, 'finish'), 'finish parts').toHaveLength(0);
    expect(parts.at(-1)?.type, 'the last part').toBe('error');
    expect(ModelgateError.isInstance(errors[0]?.error), 'the error part carries a ModelgateError').toBe(true);
  });

  test(
    'an error event inside the stream yields one error part with the upstream message, and no finish',
    ['stream-error'],
    async (upstream, provider) => {
      const message = 'The model produced an invalid tool call and the generation was stopped.';
      upstream.enqueue({ type: 'stream-error', afterChunks: 3, message, text: 'Partial answer before the failure happens.' });
      const stream = await provider.chat(modelId).stream(chatRequest(), {});
      const { parts, didThrow, thrown } = await collectStreamParts(stream.parts, { timeoutMs: settleTimeoutMs });
      expect(didThrow, `the stream threw ${describeError(thrown)} instead of yielding an error part`).toBe(false);
      expect(streamPartProblems(parts), 'stream rule breaches').toEqual([]);
      const errors = partsOfType(parts, 'error');
      expect(errors, 'error parts').toHaveLength(1);
      expect(partsOfType(parts, 'finish'), 'finish parts').toHaveLength(0);
      expect(parts.at(-1)?.type, 'the last part').toBe('error');
      const error = errors[0]?.error;
      expect(ModelgateError.isInstance(error), 'the error part carries a ModelgateError').toBe(true);
      expect(error?.message, 'the error message').toContain(message);
    },
  );
}
