import { ModelgateError } from '@modelgate/core';
import type { FastifyReply } from 'fastify';

const clientClosedCode = 'client_closed_request';

/** True for the abort reason used when a client went away (not worth logging). */
export function isClientClosed(error: unknown): boolean {
  return ModelgateError.isInstance(error) && error.code === clientClosedCode;
}

/**
 * An abort signal that fires when the client disconnects before its answer was fully sent, so
 * that the upstream call is cancelled. A response that finished normally never aborts.
 */
export function clientAbortSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const response = reply.raw;
  response.once('close', () => {
    if (!response.writableFinished) {
      controller.abort(new ModelgateError('The client closed the connection.', { code: clientClosedCode }));
    }
  });
  return controller.signal;
}
