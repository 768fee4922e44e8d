import type { FastifyPluginCallback } from 'fastify';
import { openAIErrorBody } from '../http/openai-error-body.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

/** `GET /health/live` (the process answers) and `GET /health/ready` (503 until the gateway is ready). No auth. */
export const healthRoute: FastifyPluginCallback<GatewayRouteOptions> = (app, { gateway }, done) => {
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    if (gateway.isReady()) return { status: 'ready' };
    reply.code(503);
    return openAIErrorBody('The gateway is not ready yet.', 'server_error', null, 'not_ready');
  });
  done();
};
