import type { ServerResponse } from 'node:http';
import { ModelgateError, type ChatStreamEventV1 } from '@modelgate/core';
import { clientClosedError } from './client-cancellation.js';
import { errorResponseOf } from './openai-error-body.js';

export const eventStreamHeaders: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
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
}

function errorEvent(error: unknown): string {
  return `data: ${JSON.stringify(errorResponseOf(error).body)}\n\n`;
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

/**
 * Writes a chat stream as OpenAI's server-sent events: `data: <chunk>` per chunk, `data: [DONE]`
 * after a finish, and after an error `data: {"error":{...}}` and the end, with no `[DONE]`.
 * Respects backpressure and stops as soon as the client is gone (leaving the loop closes the
 * upstream iterator; the request's abort signal has already cancelled the call).
 *
 * Events parsed from one upstream packet arrive in the same tick: their frames are joined and
 * written once per tick (one chunk, one syscall), and the last frame goes out in the same
 * `end()` call as anything still pending. The response is never corked: on Node 22,
 * `ServerResponse.end()` on a corked response sends the terminating chunk before the corked
 * data, so a whole burst reached the client as its first frame only, with no error.
 */
export async function writeEventStream(
  response: ServerResponse,
  headers: Readonly<Record<string, string | number | readonly string[] | undefined>>,
  events: AsyncIterable<ChatStreamEventV1>,
  options: WriteEventStreamOptions = {},
): Promise<void> {
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) response.setHeader(name, value);
  }
  response.writeHead(200);
  let pending = '';
  let flushScheduled = false;
  let backpressure: Promise<void> | undefined;
  const flush = () => {
    flushScheduled = false;
    if (pending.length === 0 || response.destroyed || response.writableEnded) return;
    const text = pending;
    pending = '';
    if (!response.write(text)) backpressure = drained(response);
  };
  const endEarly = (error: unknown) => {
    if (response.destroyed) {
      options.onEarlyEnd?.(clientClosedError());
      return;
    }
    response.end(pending + errorEvent(error));
    pending = '';
    options.onEarlyEnd?.(error);
  };
  try {
    for await (const event of events) {
      if (backpressure !== undefined) {
        await backpressure;
        backpressure = undefined;
      }
      if (response.destroyed) {
        options.onEarlyEnd?.(clientClosedError());
        return;
      }
      if (event.type === 'chunk') {
        pending += `data: ${JSON.stringify(event.chunk)}\n\n`;
        if (!flushScheduled) {
          flushScheduled = true;
          process.nextTick(flush);
        }
      } else if (event.type === 'finish') {
        response.end(`${pending}data: [DONE]\n\n`);
        pending = '';
        return;
      } else {
        endEarly(event.error);
        return;
      }
    }
    endEarly(new ModelgateError('The upstream stream ended without a finish.', { code: 'stream_incomplete' }));
  } catch (error) {
    endEarly(error);
  }
}
