import { openAIResponsesRequestSchema, type OpenAIResponsesSurface } from '@modelgate/core';
import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { clientCancellation } from '../http/client-cancellation.js';
import { logEarlyStreamEnd } from '../http/log-early-stream-end.js';
import { sendChatOutcome } from '../http/send-chat-outcome.js';
import type { JsonLineLogger } from '../logging/json-line-logger.js';
import { noteAccessLogUsage } from '../plugins/access-log-plugin.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

export interface ResponsesRouteOptions extends GatewayRouteOptions {
  /** The Responses surface over the gateway, with its response store. */
  responses: OpenAIResponsesSurface;
  /** Where a stream that ends without a finish is logged. */
  logger: JsonLineLogger;
}

const responseParamsSchema = z.strictObject({ id: z.string().min(1).max(256) });
const retrieveQuerySchema = z.looseObject({
  stream: z
    .enum(['false', 'true'])
    .optional()
    .refine((value) => value !== 'true', 'streaming a stored response again is not supported by this gateway'),
});

/**
 * `POST /v1/responses`, `GET /v1/responses/{id}` and `DELETE /v1/responses/{id}`: OpenAI's Responses
 * API in front of any provider. Answers are stored (unless `store: false`) for `previous_response_id`
 * and `GET`, and only the key that created one may read or delete it.
 */
export const responsesRoute: FastifyPluginCallback<ResponsesRouteOptions> = (app, { responses, logger }, done) => {
  app.post('/v1/responses', { schema: { body: openAIResponsesRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const { codec, outcome } = await responses.create(request.body, {
      principal: request.principal ?? undefined,
      cancellation: clientCancellation(reply),
      requestId: request.id,
    });
    if (!outcome.stream) noteAccessLogUsage(request, outcome.native ? outcome.result.usage : outcome.response.usage);
    return sendChatOutcome(reply, codec, outcome, started, {
      redactor: app.secretRedactor,
      clientError: (error) => app.errorSenders.clientError(error, request),
      onEarlyEnd: (error) => logEarlyStreamEnd(logger, request.id, error),
      onFinish: (usage) => noteAccessLogUsage(request, usage),
    });
  });
  app.get('/v1/responses/:id', { schema: { params: responseParamsSchema, querystring: retrieveQuerySchema } }, async (request) => {
    const { id } = request.params as z.output<typeof responseParamsSchema>;
    return responses.retrieve(id, request.principal ?? undefined);
  });
  app.delete('/v1/responses/:id', { schema: { params: responseParamsSchema } }, async (request) => {
    const { id } = request.params as z.output<typeof responseParamsSchema>;
    return responses.delete(id, request.principal ?? undefined);
  });
  done();
};
