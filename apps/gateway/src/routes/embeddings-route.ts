import { embeddingRequestSchema } from '@modelgate/core';
import type { FastifyPluginCallback } from 'fastify';
import { callHeaders } from '../http/call-headers.js';
import { clientAbortSignal } from '../http/request-signal.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

/** `POST /v1/embeddings`. */
export const embeddingsRoute: FastifyPluginCallback<GatewayRouteOptions> = (app, { gateway }, done) => {
  app.post('/v1/embeddings', { schema: { body: embeddingRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const { response, metadata } = await gateway.runEmbeddings(request.body, {
      principal: request.principal ?? undefined,
      signal: clientAbortSignal(reply),
      requestId: request.id,
    });
    reply.headers(callHeaders(metadata, started));
    return response;
  });
  done();
};
