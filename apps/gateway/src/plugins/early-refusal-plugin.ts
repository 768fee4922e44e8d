import { AuthError, UnsupportedMediaTypeError } from '@modelgate/core';
import { hasPendingBody } from '../http/has-pending-body.js';
import { openAIErrorBody } from '../http/openai-error-body.js';
import { createKeyMatcher, presentedKey } from '../security/master-key.js';
import { infraPlugin } from './infra-plugin.js';

export interface EarlyRefusalOptions extends Record<string, unknown> {
  /** `undefined` when authentication is off. */
  masterKey: string | undefined;
}

/**
 * Refuses, before a byte of the body is read, what will be refused anyway: a compressed body (415,
 * see docs/decisions/0011), and an unknown route (401 without a valid key, else 404). A refused
 * request that still has a body pending closes its connection instead of reading the body.
 */
export const earlyRefusalPlugin = infraPlugin<EarlyRefusalOptions>((app, options, done) => {
  const matches = options.masterKey === undefined ? undefined : createKeyMatcher(options.masterKey);
  app.addHook('onRequest', (request, reply, next) => {
    const encoding = request.headers['content-encoding'];
    const compressed = encoding !== undefined && encoding.trim().toLowerCase() !== 'identity';
    if (!compressed && !request.is404) {
      next();
      return;
    }
    if (hasPendingBody(request.raw)) reply.header('connection', 'close');
    if (compressed) {
      next(
        new UnsupportedMediaTypeError(
          `Compressed request bodies (content-encoding: ${encoding.slice(0, 40)}) are not accepted; send plain JSON.`,
        ),
      );
      return;
    }
    if (matches !== undefined && request.url.split('?')[0]!.startsWith('/v1')) {
      const key = presentedKey(request.headers);
      if (key === undefined || !matches(key)) {
        next(new AuthError(key === undefined ? 'You did not provide an API key.' : 'Incorrect API key provided.'));
        return;
      }
    }
    reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(openAIErrorBody(`Invalid URL (${request.method} ${request.url.slice(0, 200)})`, 'invalid_request_error', null, 'unknown_url'));
  });
  done();
}, 'modelgate-early-refusal');
