import { embeddingRequestSchema } from '@modelgate/core';
import type { FastifyPluginCallback } from 'fastify';
import { callHeaders } from '../http/call-headers.js';
import { clientCancellation } from '../http/client-cancellation.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

/** `POST /v1/embeddings`. */
export const embeddingsRoute: FastifyPluginCallback<GatewayRouteOptions> = (app, { gateway }, done) => {
  app.post('/v1/embeddings', { schema: { body: embeddingRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const { response, metadata } = await gateway.runEmbeddings(request.body, {
      principal: request.principal ?? undefined,
      cancellation: clientCancellation(reply),
      requestId: request.id,
    });
    reply.headers(callHeaders(metadata, started, app.secretRedactor));
    return response;
  });
  done();
};
