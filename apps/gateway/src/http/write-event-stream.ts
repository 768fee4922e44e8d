import type { ServerResponse } from 'node:http';
import { ModelgateError, type ChatStreamEventV1 } from '@modelgate/core';
import { errorResponseOf } from './openai-error-body.js';

export const eventStreamHeaders: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
});

function defaultErrorEvent(error: unknown): string {
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
 */
export async function writeEventStream(
  response: ServerResponse,
  headers: Readonly<Record<string, string | number | readonly string[] | undefined>>,
  events: AsyncIterable<ChatStreamEventV1>,
  /** Builds (and logs) the final error event; the server's error senders redact it. */
  errorEvent: (error: unknown) => string = defaultErrorEvent,
): Promise<void> {
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) response.setHeader(name, value);
  }
  response.writeHead(200);
  // Events parsed from one upstream packet arrive in the same tick: cork so that they leave in
  // one write (one syscall) instead of one each, and uncork once the tick's work is done.
  let corked = false;
  const uncork = () => {
    corked = false;
    response.uncork();
  };
  try {
    for await (const event of events) {
      if (response.destroyed || response.writableEnded) return;
      if (event.type === 'chunk') {
        if (!corked) {
          corked = true;
          response.cork();
          process.nextTick(uncork);
        }
        if (!response.write(`data: ${JSON.stringify(event.chunk)}\n\n`)) await drained(response);
      } else if (event.type === 'finish') {
        response.end('data: [DONE]\n\n');
        return;
      } else {
        response.end(errorEvent(event.error));
        return;
      }
    }
    if (!response.destroyed && !response.writableEnded) {
      response.end(errorEvent(new ModelgateError('The upstream stream ended without a finish.', { code: 'stream_incomplete' })));
    }
  } catch (error) {
    if (!response.destroyed && !response.writableEnded) response.end(errorEvent(error));
  }
}
