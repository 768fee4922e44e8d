import { captureRejection } from './capture-rejection.js';
import { collectStreamParts, partsOfType, streamedText } from './collect-stream-parts.js';
import { chatRequest, type ProviderHarness } from './provider-conformance-harness.js';

const slowText = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ');

/** Aborts reach the upstream: before the answer starts, while a stream hangs, and while a slow stream flows. */
export function registerProviderAbortTests(harness: ProviderHarness): void {
  const { expect, test, settleTimeoutMs } = harness;
  const { modelId } = harness.options;
  const wait = { timeoutMs: settleTimeoutMs };

  test(
    'aborting while the upstream hangs before answering rejects generate and stream, and the upstream sees both aborts',
    ['hang'],
    async (upstream, provider) => {
      upstream.enqueue({ type: 'hang' }, { type: 'hang' });
      const model = provider.chat(modelId);
      const generateController = new AbortController();
      const generating = model.generate(chatRequest(), { signal: generateController.signal });
      await upstream.waitForRequests(1, wait);
      generateController.abort();
      await captureRejection(generating, 'generate after abort', settleTimeoutMs);
      expect((await upstream.waitForAbort(wait)).aborted, 'generate request aborted upstream').toBe(true);

      const streamController = new AbortController();
      const streaming = model.stream(chatRequest(), { signal: streamController.signal });
      await upstream.waitForRequests(2, wait);
      streamController.abort();
      await captureRejection(streaming, 'stream after abort', settleTimeoutMs);
      expect((await upstream.waitForAbort(wait)).aborted, 'stream request aborted upstream').toBe(true);
    },
  );

  test(
    'aborting while a stream hangs after some chunks ends it without a finish, and the upstream sees the abort',
    ['hang'],
    async (upstream, provider) => {
      upstream.enqueue({ type: 'hang', afterChunks: 3 });
      const controller = new AbortController();
      const stream = await provider.chat(modelId).stream(chatRequest(), { signal: controller.signal });
      const { parts } = await collectStreamParts(stream.parts, {
        timeoutMs: settleTimeoutMs,
        onPart: (part) => {
          if (part.type === 'text-delta') controller.abort();
        },
      });
      expect(partsOfType(parts, 'text-delta').length, 'text deltas before the abort').toBeGreaterThan(0);
      expect(partsOfType(parts, 'finish'), 'finish parts').toHaveLength(0);
      expect((await upstream.waitForAbort(wait)).aborted, 'request aborted upstream').toBe(true);
    },
  );

  test(
    'aborting a slow stream while it flows stops it early without a finish, and the upstream sees the abort',
    ['slow'],
    async (upstream, provider) => {
      upstream.enqueue({ type: 'slow', text: slowText, intervalMs: 50 });
      const controller = new AbortController();
      const stream = await provider.chat(modelId).stream(chatRequest(), { signal: controller.signal });
      const { parts } = await collectStreamParts(stream.parts, {
        timeoutMs: settleTimeoutMs,
        onPart: (part) => {
          if (part.type === 'text-delta') controller.abort();
        },
      });
      expect(partsOfType(parts, 'finish'), 'finish parts').toHaveLength(0);
      expect(streamedText(parts), 'the text received').not.toBe(slowText);
      expect((await upstream.waitForAbort(wait)).aborted, 'request aborted upstream').toBe(true);
    },
  );
}
