import type { ServerResponse } from 'node:http';
import { ModelgateError, type ChatOutcome, type ChatStreamEncoderV1, type UsageV1 } from '@modelgate/core';
import { clientClosedError } from './client-cancellation.js';

export const eventStreamHeaders: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
});

export interface WriteEventStreamOptions {
  /**
   * Called once when the stream ends without a finish: with the error that was sent as the last
   * event, or with a `client_closed_request` error when the client went away first. The caller
   * logs it, so that no stream ever ends early without a log line.
   */
  onEarlyEnd?: (error: unknown) => void;
  /** Called with the usage of a stream that finished normally (for the access log). */
  onFinish?: (usage: UsageV1 | undefined) => void;
  /**
   * Turns an error into what the client may see (redacted, no internal detail) before the surface encodes
   * it; the server's error senders provide it.
   */
  clientError?: (error: unknown) => unknown;
  /**
   * Writes `text` (the surface's keep-alive event, Anthropic's `ping`) whenever `intervalMs` passed without
   * a write, once the stream has begun, so that proxies do not close a stream whose model is slow to answer.
   */
  keepAlive?: { intervalMs: number; text: string };
}

/** Resolves when the socket can take more, or when it closed (so that a gone client never hangs us). */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

type StreamOutcome = ChatOutcome & { stream: true };

/**
 * Writes a stream in a surface's wire format, part by part through its encoder (canonical parts, or
 * native events forwarded as they came). The last part (a finish or an error) ends the response with
 * the surface's closing text; a stream that stops without one, or throws, ends with the surface's error
 * event. Respects backpressure and stops as soon as the client is gone (leaving the loop closes the
 * upstream iterator; the request's abort has already cancelled the call).
 *
 * Parts parsed from one upstream packet arrive in the same tick: their text is joined and written once
 * per tick (one chunk, one syscall), and the last text goes out in the same `end()` call as anything
 * still pending. The response is never corked: on Node 22, `end()` on a corked response sends the
 * terminating chunk before the corked data, and `uncork()` never emits the `drain` a full buffer waits for.
 */
export async function writeEventStream(
  response: ServerResponse,
  headers: readonly Readonly<Record<string, string | number | readonly string[] | undefined>>[],
  outcome: StreamOutcome,
  encoder: ChatStreamEncoderV1,
  options: WriteEventStreamOptions = {},
): Promise<void> {
  // Several sets, later ones winning, without merging them into a new object first.
  for (const set of headers) {
    for (const name in set) {
      const value = set[name];
      if (value !== undefined) response.setHeader(name, value);
    }
  }
  response.setHeader('content-type', encoder.contentType);
  response.writeHead(200);
  let pending = '';
  let flushScheduled = false;
  let backpressure: Promise<void> | undefined;
  let wrote = false;
  const flush = () => {
    flushScheduled = false;
    if (pending.length === 0 || response.destroyed || response.writableEnded) return;
    const text = pending;
    pending = '';
    wrote = true;
    if (!response.write(text)) backpressure = drained(response);
  };
  const keepAlive = options.keepAlive;
  let idle = false;
  // Each tick is idle unless something was written during it; two ticks are at most twice the interval.
  const keepAliveTimer =
    keepAlive === undefined
      ? undefined
      : setInterval(() => {
          if (wrote && idle && backpressure === undefined && !response.destroyed && !response.writableEnded) response.write(keepAlive.text);
          idle = true;
        }, keepAlive.intervalMs);
  keepAliveTimer?.unref();
  const end = (text: string) => {
    if (keepAliveTimer !== undefined) clearInterval(keepAliveTimer);
    response.end(pending + text);
    pending = '';
  };
  const clientError = options.clientError ?? ((error: unknown) => error);
  const endEarly = (error: unknown) => {
    if (response.destroyed || response.writableEnded) {
      options.onEarlyEnd?.(clientClosedError());
      return;
    }
    end(encoder.error(clientError(error)));
    options.onEarlyEnd?.(error);
  };
  try {
    const parts = outcome.parts as AsyncIterable<{ type: string; error?: unknown; usage?: UsageV1 }>;
    for await (const part of parts) {
      if (backpressure !== undefined) {
        await backpressure;
        backpressure = undefined;
      }
      if (response.destroyed || response.writableEnded) {
        options.onEarlyEnd?.(clientClosedError());
        return;
      }
      if (part.type === 'error') {
        end(encoder.error(clientError(part.error)));
        options.onEarlyEnd?.(part.error);
        return;
      }
      const text = outcome.native ? encoder.native(part as never) : encoder.part(part as never);
      if (part.type === 'finish') {
        end(text);
        options.onFinish?.(part.usage);
        return;
      }
      if (text.length === 0) continue;
      idle = false;
      pending += text;
      if (!flushScheduled) {
        flushScheduled = true;
        process.nextTick(flush);
      }
    }
    endEarly(new ModelgateError('The upstream stream ended without a finish.', { code: 'stream_incomplete' }));
  } catch (error) {
    endEarly(error);
  } finally {
    if (keepAliveTimer !== undefined) clearInterval(keepAliveTimer);
  }
}
