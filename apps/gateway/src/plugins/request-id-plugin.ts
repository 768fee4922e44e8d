import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { infraPlugin } from './infra-plugin.js';

/** Letters, digits and `-_.:@`, up to 128 characters: safe to echo in a header and in logs. */
const saneRequestId = /^[\w.:@-]{1,128}$/;

/** Fastify's `genReqId`: keeps a sane incoming `x-request-id`, else makes a UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && saneRequestId.test(incoming) ? incoming : randomUUID();
}

/** Echoes the request id on every answer (streams copy it from the reply's headers). */
export const requestIdPlugin = infraPlugin((app, _options, done) => {
  app.addHook('onRequest', (request, reply, next) => {
    reply.header('x-request-id', request.id);
    next();
  });
  done();
}, 'modelgate-request-id');
