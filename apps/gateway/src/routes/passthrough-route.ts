import { Readable } from 'node:stream';
import {
  computeCallCost,
  ModelgateError,
  NotFoundError,
  PermissionError,
  UnsupportedError,
  UpstreamError,
  type PassthroughRequestV1,
  type ProviderV1,
} from '@modelgate/core';
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import { clientCancellation, clientClosedError } from '../http/client-cancellation.js';
import { logEarlyStreamEnd } from '../http/log-early-stream-end.js';
import type { JsonLineLogger } from '../logging/json-line-logger.js';
import { mayUseProvider } from '../passthrough/may-use-provider.js';
import { passthroughRequestHeaders, passthroughResponseHeaders } from '../passthrough/passthrough-headers.js';
import { passthroughAnswerUsage, type PassthroughAnswerUsage } from '../passthrough/passthrough-answer-usage.js';
import { passthroughRequestModel, type PassthroughUsage } from '../passthrough/passthrough-usage.js';
import { upstreamPath } from '../passthrough/upstream-path.js';
import { noteAccessLogUsage } from '../plugins/access-log-plugin.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

const prefix = '/passthrough/';
const methods: PassthroughRequestV1['method'][] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** An error answer is read whole (to take configured secrets out of it) up to this size, and cut there. */
const maximumErrorBytes = 1024 * 1024;

/**
 * The upstream's bytes as they arrive (the reply's stream pipes them with backpressure). Each chunk is read
 * for its usage only after it was passed on, and the usage is noted once the upstream body ended normally:
 * a body that breaks, or a client that goes away, ends the loop before that (docs/decisions/0030), and is
 * reported to `onEarlyEnd` (the response is destroyed then, so no access line is written for it).
 */
async function* relay(
  body: AsyncIterable<Uint8Array>,
  reader: PassthroughAnswerUsage | undefined,
  onUsage: (usage: PassthroughUsage) => void,
  onEarlyEnd: (error: unknown) => void,
): AsyncGenerator<Uint8Array> {
  let ended = false;
  try {
    for await (const chunk of body) {
      yield chunk;
      reader?.push(chunk);
    }
    ended = true;
  } catch (error) {
    ended = true;
    onEarlyEnd(error);
    throw error;
  } finally {
    // Left at a `yield` without an error: the client went away and the reply's stream was destroyed.
    if (!ended) onEarlyEnd(clientClosedError());
  }
  const usage = reader?.usage();
  if (usage !== undefined) onUsage(usage);
}

/** What an early end is logged as: the gateway's own errors as they are, anything else as the upstream breaking off. */
function earlyEndError(error: unknown, provider: string): unknown {
  if (ModelgateError.isInstance(error)) return error;
  return new UpstreamError(`The answer of "${provider}" broke off before its end.`, {
    code: 'upstream_stream_error',
    provider,
    cause: error,
  });
}

/** An upstream error answer as text, at most `maximumErrorBytes` of it (the rest is dropped and the stream closed). */
async function readError(body: AsyncIterable<Uint8Array>): Promise<string> {
  const kept: Uint8Array[] = [];
  let keptBytes = 0;
  for await (const chunk of body) {
    kept.push(chunk);
    keptBytes += chunk.byteLength;
    if (keptBytes >= maximumErrorBytes) break;
  }
  return Buffer.concat(kept).subarray(0, maximumErrorBytes).toString('utf8');
}

function noteUsage(request: FastifyRequest, provider: ProviderV1, usage: PassthroughUsage, requestModel: () => string | undefined): void {
  const model = usage.model ?? requestModel();
  const prices = model === undefined ? undefined : provider.modelMetadata?.(model)?.prices;
  noteAccessLogUsage(
    request,
    {
      inputTokens: usage.inputTokens,
      ...(usage.outputTokens === undefined ? {} : { outputTokens: usage.outputTokens }),
      ...(usage.totalTokens === undefined ? {} : { totalTokens: usage.totalTokens }),
    },
    computeCallCost(usage, prices),
  );
}

/**
 * `/passthrough/{provider}/*`, any method: the caller's native request goes to the provider instance's own
 * host as it is (body bytes untouched, allow-listed headers only, the gateway key replaced by the provider's
 * credential), and the upstream's answer comes back as it is, streamed. Failures before the upstream answered
 * are OpenAI-shaped errors: an unknown provider 404, a provider the key may not use 403, one without the
 * ability 400. See docs/decisions/0030.
 */
export interface PassthroughRouteOptions extends GatewayRouteOptions {
  /** Where an answer that broke off, or that the client left, is logged. */
  logger: JsonLineLogger;
}

export const passthroughRoute: FastifyPluginCallback<PassthroughRouteOptions> = (app, { gateway, logger }, done) => {
  // This plugin's own parsers: every body is kept as the bytes that arrived (within the body limit).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, next) => next(null, body));
  app.route({
    method: methods,
    url: `${prefix}:provider/*`,
    handler: async (request, reply) => {
      const name = (request.params as { provider: string }).provider;
      const provider = gateway.provider(name);
      if (provider === undefined) {
        throw new NotFoundError(`The provider "${name}" is not configured.`, { param: 'provider', code: 'provider_not_found' });
      }
      if (!mayUseProvider(request.principal, name, gateway.config)) {
        throw new PermissionError(`This key may not use the provider "${name}".`, { param: 'provider', code: 'provider_not_allowed' });
      }
      if (provider.passthrough === undefined) {
        throw new UnsupportedError(`The provider "${name}" does not support the passthrough ability.`, { param: 'provider' });
      }
      const body = request.body;
      const passthrough: PassthroughRequestV1 = {
        method: request.method as PassthroughRequestV1['method'],
        path: upstreamPath(request.url),
        headers: passthroughRequestHeaders(request.headers),
        ...(Buffer.isBuffer(body) && body.byteLength > 0 ? { body } : {}),
      };
      const upstream = await provider.passthrough(passthrough, { abort: clientCancellation(reply), requestId: request.id });
      const headers = passthroughResponseHeaders(upstream.headers);
      const redactor = app.secretRedactor;
      for (const header in headers) headers[header] = redactor.redact(headers[header]!);
      reply.code(upstream.status).headers(headers);
      // An error answer may quote what was sent (a key a host rejects): configured secrets are taken out of it.
      if (upstream.status >= 400) return reply.send(redactor.redact(await readError(upstream.body)));
      return reply.send(
        Readable.from(
          relay(
            upstream.body,
            passthroughAnswerUsage(upstream.headers['content-type']),
            (usage) => noteUsage(request, provider, usage, () => passthroughRequestModel(passthrough.path, passthrough.body)),
            (error) => logEarlyStreamEnd(logger, request.id, earlyEndError(error, name)),
          ),
          { objectMode: false },
        ),
      );
    },
  });
  done();
};
