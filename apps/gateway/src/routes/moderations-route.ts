import { decodeOpenAIModerationRequest, encodeOpenAIModerationResponse, openAIModerationRequestSchema } from '@modelgate/core';
import type { FastifyPluginCallback } from 'fastify';
import { callHeaders } from '../http/call-headers.js';
import { clientCancellation } from '../http/client-cancellation.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

/** `POST /v1/moderations`, for providers that classify content; without `model`, `omni-moderation-latest` is routed. */
export const moderationsRoute: FastifyPluginCallback<GatewayRouteOptions> = (app, { gateway }, done) => {
  app.post('/v1/moderations', { schema: { body: openAIModerationRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const moderation = decodeOpenAIModerationRequest(request.body);
    const { result, metadata, deployment } = await gateway.runAbility(
      moderation.model,
      'moderation',
      (provider, modelId, options) => provider.moderations?.(modelId).moderate(moderation, options),
      { principal: request.principal ?? undefined, cancellation: clientCancellation(reply), requestId: request.id },
    );
    reply.headers(callHeaders(metadata, started, app.secretRedactor));
    return encodeOpenAIModerationResponse(result.response, { model: deployment.model, requestId: request.id });
  });
  done();
};
