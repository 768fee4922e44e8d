import { AuthError, type Principal } from '@modelgate/core';
import { createKeyMatcher, masterPrincipal, presentedKey } from '../security/master-key.js';
import { infraPlugin } from './infra-plugin.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; `null` when authentication is off. */
    principal: Principal | null;
  }
}

export interface AuthPluginOptions extends Record<string, unknown> {
  /** `undefined` turns authentication off (loopback-only or `auth.disabled`). */
  masterKey: string | undefined;
}

/**
 * Checks `Authorization: Bearer <key>` or `x-api-key: <key>` against the master key on every
 * route of the instance that registers it; a missing or wrong key is a 401 `invalid_api_key`.
 */
export const authPlugin = infraPlugin<AuthPluginOptions>((app, options, done) => {
  if (!app.hasRequestDecorator('principal')) app.decorateRequest('principal', null);
  const masterKey = options.masterKey;
  if (masterKey === undefined) {
    done();
    return;
  }
  const matches = createKeyMatcher(masterKey);
  app.addHook('onRequest', (request, _reply, next) => {
    const key = presentedKey(request.headers);
    if (key === undefined) {
      next(new AuthError('You did not provide an API key. Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".'));
      return;
    }
    if (!matches(key)) {
      next(new AuthError('Incorrect API key provided.'));
      return;
    }
    request.principal = masterPrincipal;
    next();
  });
  done();
}, 'modelgate-auth');
