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
  /** Also takes the key as Azure OpenAI's SDKs send it, `api-key: <key>`. Only the pass-through route turns it on. */
  azureKeyForm?: boolean;
}

/** The key as Google's clients present it, when no usual header carries one. */
function googleKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-goog-api-key'];
  if (typeof header === 'string' && header !== '') return header.trim();
  const query = (request.query as { key?: unknown } | undefined)?.key;
  return typeof query === 'string' && query !== '' ? query : undefined;
}

/** The key as Azure OpenAI's clients present it. */
function azureKey(request: FastifyRequest): string | undefined {
  const header = request.headers['api-key'];
  return typeof header === 'string' && header !== '' ? header.trim() : undefined;
}

/** How the key may be sent, for the message of a request without one. */
function keyFormsOf(options: AuthPluginOptions): string {
  const forms = ['"Authorization: Bearer <key>"', '"x-api-key: <key>"'];
  if (options.googleKeyForms === true) forms.push('"x-goog-api-key: <key>"', '"?key=<key>"');
  if (options.azureKeyForm === true) forms.push('"api-key: <key>"');
  return `${forms.slice(0, -1).join(', ')} or ${forms.at(-1)}`;
}

/**
 * Checks `Authorization: Bearer <key>` or `x-api-key: <key>` (and the key forms the options add) against the master key on every
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
  const keyForms = keyFormsOf(options);
  app.addHook('onRequest', (request, _reply, next) => {
    const key =
      presentedKey(request.headers) ??
      (options.googleKeyForms === true ? googleKey(request) : undefined) ??
      (options.azureKeyForm === true ? azureKey(request) : undefined);
    if (key === undefined) {
      next(new AuthError(`You did not provide an API key. Send it as ${keyForms}.`));
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
