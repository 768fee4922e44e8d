import { Cancellation, ModelgateError } from '@modelgate/core';
import type { FastifyReply } from 'fastify';
import { shutdownEventName } from '../plugins/graceful-shutdown-plugin.js';

const clientClosedCode = 'client_closed_request';

/** The abort reason used when a client went away. */
export function clientClosedError(): ModelgateError {
  return new ModelgateError('The client closed the connection.', { code: clientClosedCode });
}

/** True for the abort reason used when a client went away (not worth logging). */
export function isClientClosed(error: unknown): boolean {
  return ModelgateError.isInstance(error) && error.code === clientClosedCode;
}

/**
 * A cancellation that fires when the client disconnects before its answer was fully sent, so
 * that the upstream call is cancelled. A response that finished normally never aborts. (A
 * `Cancellation` rather than an `AbortSignal`: the latter costs microseconds per request.)
 */
export function clientCancellation(reply: FastifyReply): Cancellation {
  const cancellation = new Cancellation();
  const response = reply.raw;
  // `on`, not `once`: a response closes once, and `once` costs a wrapper and a removal per request.
  response.on('close', () => {
    if (!response.writableFinished) cancellation.abort(clientClosedError());
  });
  // Emitted only on an answer cut at the shutdown deadline: stop its upstream call too.
  response.on(shutdownEventName, () => {
    cancellation.abort(new ModelgateError('The server is shutting down.', { code: clientClosedCode }));
  });
  return cancellation;
}
