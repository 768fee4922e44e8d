import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import type { GatewayRouteOptions } from './gateway-route-options.js';

const listQuerySchema = z.looseObject({});
/** The id is everything after `/v1/models/`: it may contain slashes (`openai/gpt-4.1`). */
const retrieveParamsSchema = z.object({ '*': z.string().max(1024) });

/** `GET /v1/models` and `GET /v1/models/{id}`: the model groups this caller may use. */
export const modelsRoute: FastifyPluginCallback<GatewayRouteOptions> = (app, { gateway }, done) => {
  app.get('/v1/models', { schema: { querystring: listQuerySchema } }, async (request) => ({
    object: 'list',
    data: gateway.models.list(request.principal ?? undefined),
  }));
  app.get('/v1/models/*', { schema: { params: retrieveParamsSchema } }, async (request) => {
    const { '*': id } = request.params as z.output<typeof retrieveParamsSchema>;
    return gateway.models.retrieve(id, request.principal ?? undefined);
  });
  done();
};
