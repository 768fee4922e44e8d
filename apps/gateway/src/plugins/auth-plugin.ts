import { AuthError, type Principal } from '@modelgate/core';
import type { FastifyRequest } from 'fastify';
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
  /**
   * Also takes the key the way Google's SDKs send it: `x-goog-api-key: <key>` or `?key=<key>`. Only the
   * Gemini routes and the pass-through route turn it on; the query form never reaches a log (the access log
   * records the route, not the URL) nor an upstream (the pass-through route takes it out of the query).
   */
  googleKeyForms?: boolean;
}

/** The key as Google's clients present it, when no usual header carries one. */
function googleKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-goog-api-key'];
  if (typeof header === 'string' && header !== '') return header.trim();
  const query = (request.query as { key?: unknown } | undefined)?.key;
  return typeof query === 'string' && query !== '' ? query : undefined;
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
    const key = presentedKey(request.headers) ?? (options.googleKeyForms === true ? googleKey(request) : undefined);
    if (key === undefined) {
      const forms =
        options.googleKeyForms === true
          ? '"Authorization: Bearer <key>", "x-api-key: <key>", "x-goog-api-key: <key>" or "?key=<key>"'
          : '"Authorization: Bearer <key>" or "x-api-key: <key>"';
      next(new AuthError(`You did not provide an API key. Send it as ${forms}.`));
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
