import { ModelgateError, UpstreamError } from '@modelgate/core';
import { captureRejection } from './capture-rejection.js';
import { collectStreamEvents } from './collect-stream-events.js';
import { chatRequest, describeError, type ProviderHarness } from './provider-conformance-harness.js';

/** Upstream failures and aborts: 429, 400, 5xx, a dropped stream, and aborts before and during a stream. */
export function registerProviderFailureTests(harness: ProviderHarness): void {
  const { it, expect, title, withProvider, settleTimeoutMs, testTimeoutMs: timeout } = harness;
  const { modelId } = harness.options;
  it(title('a 429 with retry-after rejects with a retryable UpstreamError carrying retryAfterMs'), () =>
    withProvider(async (mock, provider) => {
      mock.enqueue({ type: 'rate_limit', retryAfterSeconds: 3 });
      const error = await captureRejection(provider.chat(modelId).generate(chatRequest(), {}), 'generate', settleTimeoutMs);
      expect(UpstreamError.isInstance(error), `UpstreamError.isInstance(${describeError(error)})`).toBe(true);
      if (!UpstreamError.isInstance(error)) return;
      expect(error.isRetryable, 'isRetryable').toBe(true);
      expect(error.retryAfterMs, 'retryAfterMs').toBe(3000);
      expect(error.upstreamStatus, 'upstreamStatus').toBe(429);
    }), timeout);

  it(title('a 400 rejects, not retryable, keeping the upstream message'), () =>
    withProvider(async (mock, provider) => {
      const message = "Invalid value for 'temperature': 3.5 is greater than the maximum of 2.";
      mock.enqueue({
        type: 'error',
        status: 400,
        body: { error: { message, type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' } },
      });
      const error = await captureRejection(provider.chat(modelId).generate(chatRequest(), {}), 'generate', settleTimeoutMs);
      expect(ModelgateError.isInstance(error), `ModelgateError.isInstance(${describeError(error)})`).toBe(true);
      if (!ModelgateError.isInstance(error)) return;
      expect(error.status, 'status').toBe(400);
      expect(error.message).toContain(message);
      expect((error as { isRetryable?: unknown }).isRetryable === true, 'isRetryable').toBe(false);
    }), timeout);

  it(title('a 5xx rejects retryable, from generate and from stream before the first byte'), () =>
    withProvider(async (mock, provider) => {
      mock.enqueue({ type: 'server_error', status: 500 }, { type: 'server_error', status: 503 });
      const model = provider.chat(modelId);
      const fromGenerate = await captureRejection(model.generate(chatRequest(), {}), 'generate', settleTimeoutMs);
      expect(UpstreamError.isInstance(fromGenerate), `UpstreamError.isInstance(${describeError(fromGenerate)})`).toBe(true);
      expect(UpstreamError.isInstance(fromGenerate) && fromGenerate.isRetryable, 'isRetryable after 500').toBe(true);
      const fromStream = await captureRejection(model.stream(chatRequest(), {}), 'stream', settleTimeoutMs);
      expect(UpstreamError.isInstance(fromStream), `UpstreamError.isInstance(${describeError(fromStream)})`).toBe(true);
      expect(UpstreamError.isInstance(fromStream) && fromStream.isRetryable, 'isRetryable after 503').toBe(true);
    }), timeout);

  it(title('a connection dropped mid-stream yields one error event and no finish'), () =>
    withProvider(async (mock, provider) => {
      mock.enqueue({ type: 'drop', afterChunks: 3, content: 'This answer is cut off in the middle.' });
      const stream = await provider.chat(modelId).stream(chatRequest(), {});
      const { events, didThrow, thrown } = await collectStreamEvents(stream.events, { timeoutMs: settleTimeoutMs });
      expect(didThrow, `the stream threw ${describeError(thrown)} instead of yielding an error event`).toBe(false);
      const errors = events.filter((event) => event.type === 'error');
      expect(errors, 'error events').toHaveLength(1);
      expect(events.filter((event) => event.type === 'finish'), 'finish events').toHaveLength(0);
      expect(events.at(-1)?.type, 'the last event').toBe('error');
      const error = errors[0]?.type === 'error' ? errors[0].error : undefined;
      expect(ModelgateError.isInstance(error), 'the error event carries a ModelgateError').toBe(true);
    }), timeout);

  it(title('aborting the signal while upstream hangs rejects promptly and the upstream sees the abort'), () =>
    withProvider(async (mock, provider) => {
      mock.enqueue({ type: 'hang' }, { type: 'hang' });
      const model = provider.chat(modelId);
      const generateController = new AbortController();
      const generating = model.generate(chatRequest(), { signal: generateController.signal });
      await mock.waitForRequests(1, { timeoutMs: settleTimeoutMs });
      generateController.abort();
      await captureRejection(generating, 'generate after abort', settleTimeoutMs);
      expect((await mock.waitForAbort({ timeoutMs: settleTimeoutMs })).aborted, 'generate request aborted upstream').toBe(true);

      const streamController = new AbortController();
      const streaming = model.stream(chatRequest(), { signal: streamController.signal });
      await mock.waitForRequests(2, { timeoutMs: settleTimeoutMs });
      streamController.abort();
      await captureRejection(streaming, 'stream after abort', settleTimeoutMs);
      expect((await mock.waitForAbort({ timeoutMs: settleTimeoutMs })).aborted, 'stream request aborted upstream').toBe(true);
    }), timeout);

  it(title('aborting the signal mid-stream ends the stream without a finish and the upstream sees the abort'), () =>
    withProvider(async (mock, provider) => {
      mock.enqueue({ type: 'hang', afterChunks: 2 });
      const controller = new AbortController();
      const stream = await provider.chat(modelId).stream(chatRequest(), { signal: controller.signal });
      const { events } = await collectStreamEvents(stream.events, {
        timeoutMs: settleTimeoutMs,
        onEvent: (event) => {
          if (event.type === 'chunk') controller.abort();
        },
      });
      expect(events.filter((event) => event.type === 'finish'), 'finish events').toHaveLength(0);
      expect((await mock.waitForAbort({ timeoutMs: settleTimeoutMs })).aborted, 'request aborted upstream').toBe(true);
    }), timeout);
}
