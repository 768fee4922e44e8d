import { decodeOpenAIImageRequest, encodeOpenAIImageResponse, openAIImageRequestSchema } from '@modelgate/core';
import type { FastifyPluginCallback } from 'fastify';
import { callHeaders } from '../http/call-headers.js';
import { clientCancellation } from '../http/client-cancellation.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

/** `POST /v1/images/generations`, for providers that generate images. */
export const imagesRoute: FastifyPluginCallback<GatewayRouteOptions> = (app, { gateway }, done) => {
  app.post('/v1/images/generations', { schema: { body: openAIImageRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const images = decodeOpenAIImageRequest(request.body);
    const { result, metadata } = await gateway.runAbility(
      images.model,
      'image generation',
      (provider, modelId, options) => provider.images?.(modelId).generate(images, options),
      { principal: request.principal ?? undefined, cancellation: clientCancellation(reply), requestId: request.id },
    );
    reply.headers(callHeaders(metadata, started, app.secretRedactor));
    return encodeOpenAIImageResponse(result.response);
  });
  done();
};
