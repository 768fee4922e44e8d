import { ModelgateError, type EncodedErrorV1, type SecretRedactor } from '@modelgate/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponseOf, openAIErrorBody } from '../http/openai-error-body.js';
import { isClientClosed } from '../http/client-cancellation.js';
import { ClientFacingError } from '../http/client-facing-error.js';
import type { JsonLineLogger } from '../logging/json-line-logger.js';
import { infraPlugin } from './infra-plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** How this server answers and logs errors (routes use it for stream error events). */
    errorSenders: ErrorSenders;
  }
}

/** Encodes an error, already as the client may see it, in another surface's shape (Anthropic's body on `/v1/messages`). */
export type SurfaceErrorEncoder = (error: ModelgateError) => EncodedErrorV1;

export interface ErrorSenders {
  /** Sends any error in OpenAI's body with the error's status, or in the shape `encode` gives. */
  sendError(error: unknown, request: FastifyRequest, reply: FastifyReply, encode?: SurfaceErrorEncoder): void;
  /** Errors fastify raises before routing (a malformed URL, a too long parameter). */
  sendFrameworkError(error: Error, request: FastifyRequest, reply: FastifyReply): void;
  /** The error a stream ends with, as the client may see it (redacted, the request id named); its surface encodes it. */
  clientError(error: unknown, request: FastifyRequest): ModelgateError;
}

/**
 * The error senders of a server. They log only server-side failures: a known gateway error (an
 * upstream down, a missing credential) as one warning line with its cause, anything unexpected
 * as an error with its stack. Client mistakes are not logged. Bodies and events go through the
 * redactor of configured secrets (log lines too: the logger redacts what it writes).
 */
export function createErrorSenders(logger: JsonLineLogger, redactor?: SecretRedactor): ErrorSenders {
  const logFailure = (error: unknown, status: number, request: FastifyRequest): void => {
    if (status < 500 || isClientClosed(error)) return;
    if (ModelgateError.isInstance(error) && error.code !== 'internal_error') {
      logger.warn(error.message, {
        reqId: request.id,
        code: error.code,
        status,
        ...(error.cause === undefined ? {} : { cause: error.cause }),
      });
    } else {
      logger.error('request failed', { reqId: request.id, err: error });
    }
  };
  const sendError = (error: unknown, request: FastifyRequest, reply: FastifyReply, encode?: SurfaceErrorEncoder): void => {
    const response = errorResponseOf(error, { redactor, requestId: request.id });
    logFailure(error, response.status, request);
    if (reply.raw.headersSent || reply.raw.destroyed) return;
    let { status, body, headers } = response as { status: number; body: unknown; headers: Record<string, string> };
    if (encode !== undefined) {
      const encoded = encode(new ClientFacingError(response.status, response.body));
      ({ status, body } = encoded);
      headers = { ...headers, ...encoded.headers };
    }
    reply.code(status).headers(headers).type('application/json; charset=utf-8').send(body);
  };
  const sendFrameworkError = (error: Error, request: FastifyRequest, reply: FastifyReply): void => {
    reply.header('x-request-id', request.id);
    sendError(error, request, reply);
  };
  const clientError = (error: unknown, request: FastifyRequest): ModelgateError => {
    const { status, body } = errorResponseOf(error, { redactor, requestId: request.id });
    return new ClientFacingError(status, body);
  };
  return { sendError, sendFrameworkError, clientError };
}

/** The error handler and the 404 handler, both answering in OpenAI's error shape. */
export const errorHandlerPlugin = infraPlugin<{ senders: ErrorSenders }>((app, { senders }, done) => {
  app.decorate('errorSenders', senders);
  app.setErrorHandler(senders.sendError);
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(openAIErrorBody(`Invalid URL (${request.method} ${request.url})`, 'invalid_request_error', null, 'unknown_url'));
  });
  done();
}, 'modelgate-error-handler');
