import type { SecretRedactor } from '@modelgate/core';
import { infraPlugin } from './infra-plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every configured secret; whatever the server writes from upstream data goes through it. */
    secretRedactor: SecretRedactor;
  }
}

/** Makes the server's secret redactor available to every route (headers built from upstream data). */
export const secretRedactionPlugin = infraPlugin<{ redactor: SecretRedactor }>((app, { redactor }, done) => {
  app.decorate('secretRedactor', redactor);
  done();
}, 'modelgate-secret-redaction');
