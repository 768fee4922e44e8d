import { chatRequestSchema } from '@modelgate/core';
import type { FastifyPluginCallback } from 'fastify';
import { callHeaders } from '../http/call-headers.js';
import { clientCancellation } from '../http/client-cancellation.js';
import { logEarlyStreamEnd } from '../http/log-early-stream-end.js';
import { eventStreamHeaders, writeEventStream } from '../http/write-event-stream.js';
import type { JsonLineLogger } from '../logging/json-line-logger.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

export interface ChatCompletionsRouteOptions extends GatewayRouteOptions {
  /** Where a stream that ends without a finish is logged. */
  logger: JsonLineLogger;
}

/**
 * `POST /v1/chat/completions`: a JSON answer, or server-sent events when `stream: true`. Errors
 * before the stream opened (validation, routing, every attempt failed) are JSON errors with their
 * status; later ones are an error event and a log line.
 */
export const chatCompletionsRoute: FastifyPluginCallback<ChatCompletionsRouteOptions> = (app, { gateway, logger }, done) => {
  app.post('/v1/chat/completions', { schema: { body: chatRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const outcome = await gateway.runChat(request.body, {
      principal: request.principal ?? undefined,
      cancellation: clientCancellation(reply),
      requestId: request.id,
    });
    if (!outcome.stream) {
      reply.headers(callHeaders(outcome.metadata, started));
      return outcome.response;
    }
    reply.hijack();
    const headers = { ...reply.getHeaders(), ...eventStreamHeaders, ...callHeaders(outcome.metadata, started) };
    await writeEventStream(reply.raw, headers, outcome.events, {
      onEarlyEnd: (error) => logEarlyStreamEnd(logger, request.id, error),
    });
    return reply;
  });
  done();
};
