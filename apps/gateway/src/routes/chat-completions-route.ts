import { openAIChatCodec, openAIChatRequestSchema } from '@modelgate/core';
import type { FastifyPluginCallback } from 'fastify';
import { clientCancellation } from '../http/client-cancellation.js';
import { logEarlyStreamEnd } from '../http/log-early-stream-end.js';
import { sendChatOutcome } from '../http/send-chat-outcome.js';
import { strictOf } from '../http/strict-header.js';
import type { JsonLineLogger } from '../logging/json-line-logger.js';
import { noteAccessLogUsage } from '../plugins/access-log-plugin.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

export interface ChatCompletionsRouteOptions extends GatewayRouteOptions {
  /** Where a stream that ends without a finish is logged. */
  logger: JsonLineLogger;
}

/**
 * `POST /v1/chat/completions`: the OpenAI codec over the gateway. A JSON answer, or server-sent events
 * when `stream: true`. Errors before the stream opened (validation, routing, every attempt failed) are
 * JSON errors with their status; later ones are an error event.
 */
export const chatCompletionsRoute: FastifyPluginCallback<ChatCompletionsRouteOptions> = (app, { gateway, logger }, done) => {
  app.post('/v1/chat/completions', { schema: { body: openAIChatRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const outcome = await gateway.runChat(openAIChatCodec, request.body, {
      principal: request.principal ?? undefined,
      cancellation: clientCancellation(reply),
      requestId: request.id,
      strict: strictOf(request),
    });
    const { metadata } = outcome;
    if (!outcome.stream) noteAccessLogUsage(request, outcome.native ? outcome.result.usage : outcome.response.usage, metadata.costUsd);
    return sendChatOutcome(reply, openAIChatCodec, outcome, started, {
      redactor: app.secretRedactor,
      clientError: (error) => app.errorSenders.clientError(error, request),
      onEarlyEnd: (error) => logEarlyStreamEnd(logger, request.id, error),
      // The gateway set the stream's cost as its finish passed, before this runs.
      onFinish: (usage) => noteAccessLogUsage(request, usage, metadata.costUsd),
    });
  });
  done();
};
