import { openAIEmbeddingCodec, openAIEmbeddingRequestSchema } from '@modelgate/core';
import type { FastifyPluginCallback } from 'fastify';
import { callHeaders } from '../http/call-headers.js';
import { clientCancellation } from '../http/client-cancellation.js';
import { strictOf } from '../http/strict-header.js';
import { noteAccessLogUsage } from '../plugins/access-log-plugin.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

/** `POST /v1/embeddings`: the OpenAI embeddings codec over the gateway. */
export const embeddingsRoute: FastifyPluginCallback<GatewayRouteOptions> = (app, { gateway }, done) => {
  app.post('/v1/embeddings', { schema: { body: openAIEmbeddingRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const { body, metadata } = await gateway.runEmbeddings(openAIEmbeddingCodec, request.body, {
      principal: request.principal ?? undefined,
      cancellation: clientCancellation(reply),
      requestId: request.id,
      strict: strictOf(request),
    });
    noteAccessLogUsage(request, undefined, metadata.costUsd);
    reply.headers(callHeaders(metadata, started, app.secretRedactor));
    return body;
  });
  done();
};
