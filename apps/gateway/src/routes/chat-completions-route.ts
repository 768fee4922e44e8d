import { chatRequestSchema } from '@modelgate/core';
import type { FastifyPluginCallback } from 'fastify';
import { callHeaders } from '../http/call-headers.js';
import { clientCancellation } from '../http/client-cancellation.js';
import { eventStreamHeaders, writeEventStream } from '../http/write-event-stream.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

/**
 * `POST /v1/chat/completions`: a JSON answer, or server-sent events when `stream: true`. Errors
 * before the stream opened (validation, routing, every attempt failed) are JSON errors with their
 * status; later ones are an error event.
 */
export const chatCompletionsRoute: FastifyPluginCallback<GatewayRouteOptions> = (app, { gateway }, done) => {
  app.post('/v1/chat/completions', { schema: { body: chatRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const outcome = await gateway.runChat(request.body, {
      principal: request.principal ?? undefined,
      cancellation: clientCancellation(reply),
      requestId: request.id,
    });
    if (!outcome.stream) {
      reply.headers(callHeaders(outcome.metadata, started, app.secretRedactor));
      return outcome.response;
    }
    reply.hijack();
    const headers = { ...reply.getHeaders(), ...eventStreamHeaders, ...callHeaders(outcome.metadata, started, app.secretRedactor) };
    await writeEventStream(reply.raw, headers, outcome.events, (error) => app.errorSenders.streamErrorEvent(error, request));
    return reply;
  });
  done();
};
