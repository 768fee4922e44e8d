import {
  decodeGeminiCountTokensRequest,
  geminiBatchEmbedContentsCodec,
  geminiCodec,
  geminiEmbedContentCodec,
  geminiErrorBodyOf,
  InvalidRequestError,
  NotFoundError,
} from '@modelgate/core';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { callHeaders } from '../http/call-headers.js';
import { clientCancellation } from '../http/client-cancellation.js';
import { logEarlyStreamEnd } from '../http/log-early-stream-end.js';
import { sendChatOutcome } from '../http/send-chat-outcome.js';
import { strictOf } from '../http/strict-header.js';
import type { JsonLineLogger } from '../logging/json-line-logger.js';
import { noteAccessLogUsage } from '../plugins/access-log-plugin.js';
import { estimateInputTokens } from '../tokens/estimate-input-tokens.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

export interface GeminiRouteOptions extends GatewayRouteOptions {
  /** Where a stream that ends without a finish is logged. */
  logger: JsonLineLogger;
}

/** Says whether `countTokens` answered with the provider's own count or a local estimate. */
const tokenCountSourceHeader = 'x-modelgate-token-count';

const actions = new Set(['generateContent', 'streamGenerateContent', 'countTokens', 'embedContent', 'batchEmbedContents']);

/**
 * `models/{model}:{action}` from the path after `/v1beta/` (the router has decoded it once, so a `%2F` is
 * a slash by now): the model is everything before the last colon, slashes included (`mock/gpt-4o-mini`,
 * a group named `team/smart`). Any other resource (`tunedModels/…`) is not served.
 */
function targetOf(path: string, method: string): { model: string; action: string } {
  const match = /^models\/(.+):([A-Za-z]+)$/.exec(path);
  if (method !== 'POST' || match === null || !actions.has(match[2]!)) {
    throw new NotFoundError(
      `${method} /v1beta/${path.slice(0, 200)} is not served; this gateway answers POST /v1beta/models/{model}:{action}.`,
    );
  }
  return { model: match[1]!, action: match[2]! };
}

/** The body as an object the path's model is added to (the codec's schema says what is wrong with it). */
function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new InvalidRequestError('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/**
 * `POST /v1beta/models/{model}:generateContent`, `:streamGenerateContent` (`?alt=sse` for events, else
 * one JSON array written as it comes), `:countTokens`, `:embedContent` and `:batchEmbedContents`:
 * Google's Gemini API in front of any provider. The key comes as `x-goog-api-key` or `?key=` (or the
 * gateway's usual headers). Every error here, authentication included, is Google's
 * `{"error":{"code","message","status"}}`; a failed stream ends with that body, never a finish.
 */
export const geminiRoute: FastifyPluginCallback<GeminiRouteOptions> = (app, { gateway, logger }, done) => {
  app.setErrorHandler((error, request, reply) => app.errorSenders.sendError(error, request, reply, geminiErrorBodyOf));

  const handle = async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const path = (request.params as { '*'?: string })['*'] ?? '';
    const { model, action } = targetOf(path, request.method);
    const started = performance.now();
    const options = {
      principal: request.principal ?? undefined,
      cancellation: clientCancellation(reply),
      requestId: request.id,
      strict: strictOf(request),
    };
    if (action === 'generateContent' || action === 'streamGenerateContent') {
      const stream = action === 'streamGenerateContent';
      const framing = (request.query as { alt?: unknown }).alt === 'sse' ? 'sse' : 'array';
      const outcome = await gateway.runChat(geminiCodec, { ...bodyOf(request), model, stream, framing }, options);
      const { metadata } = outcome;
      if (!outcome.stream) noteAccessLogUsage(request, outcome.native ? outcome.result.usage : outcome.response.usage, metadata.costUsd);
      return sendChatOutcome(reply, geminiCodec, outcome, started, {
        redactor: app.secretRedactor,
        clientError: (error) => app.errorSenders.clientError(error, request),
        onEarlyEnd: (error) => logEarlyStreamEnd(logger, request.id, error),
        onFinish: (usage) => noteAccessLogUsage(request, usage, metadata.costUsd),
      });
    }
    if (action === 'countTokens') {
      const canonical = decodeGeminiCountTokensRequest({ ...bodyOf(request), model });
      const { count, metadata } = await gateway.countTokens(canonical, estimateInputTokens, options);
      reply.headers(callHeaders(metadata, started, app.secretRedactor));
      reply.header(tokenCountSourceHeader, count.source);
      return { totalTokens: count.inputTokens };
    }
    const codec = action === 'embedContent' ? geminiEmbedContentCodec : geminiBatchEmbedContentsCodec;
    const { body, metadata } = await gateway.runEmbeddings(codec, { ...bodyOf(request), model }, options);
    noteAccessLogUsage(request, undefined, metadata.costUsd);
    reply.headers(callHeaders(metadata, started, app.secretRedactor));
    return body;
  };

  app.all('/v1beta/*', handle);
  done();
};
