import { ModelgateError } from '@modelgate/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponseOf, openAIErrorBody } from '../http/openai-error-body.js';
import { isClientClosed } from '../http/client-cancellation.js';
import { infraPlugin } from './infra-plugin.js';

/**
 * Logs only server-side failures: a known gateway error (an upstream down, a missing credential)
 * as one warning line, anything unexpected as an error with its stack. Client mistakes are not logged.
 */
function logFailure(error: unknown, status: number, request: FastifyRequest): void {
  if (status < 500 || isClientClosed(error)) return;
  if (ModelgateError.isInstance(error)) {
    request.log.warn({ reqId: request.id, code: error.code, status }, error.message);
  } else {
    request.log.error({ reqId: request.id, err: error }, 'request failed');
  }
}

/** Sends any error in OpenAI's body with the error's status. */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body, headers } = errorResponseOf(error);
  logFailure(error, status, request);
  if (reply.raw.headersSent || reply.raw.destroyed) return;
  reply.code(status).headers(headers).type('application/json; charset=utf-8').send(body);
}

/** Errors fastify raises before routing (a malformed URL, a too long parameter). */
export function sendFrameworkError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', request.id);
  sendError(error, request, reply);
}

/** The error handler and the 404 handler, both answering in OpenAI's error shape. */
export const errorHandlerPlugin = infraPlugin((app, _options, done) => {
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(openAIErrorBody(`Invalid URL (${request.method} ${request.url})`, 'invalid_request_error', null, 'unknown_url'));
  });
  done();
}, 'modelgate-error-handler');
