import {
  anthropicCountTokensRequestSchema,
  anthropicErrorBodyOf,
  anthropicMessagesCodec,
  anthropicMessagesRequestSchema,
  decodeAnthropicCountTokensRequest,
  type ModelgateError,
} from '@modelgate/core';
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import { callHeaders } from '../http/call-headers.js';
import { clientCancellation } from '../http/client-cancellation.js';
import { logEarlyStreamEnd } from '../http/log-early-stream-end.js';
import { sendChatOutcome } from '../http/send-chat-outcome.js';
import { strictOf } from '../http/strict-header.js';
import type { JsonLineLogger } from '../logging/json-line-logger.js';
import { noteAccessLogUsage } from '../plugins/access-log-plugin.js';
import { estimateInputTokens } from '../tokens/estimate-input-tokens.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

export interface MessagesRouteOptions extends GatewayRouteOptions {
  /** Where a stream that ends without a finish is logged. */
  logger: JsonLineLogger;
}

/**
 * A `ping` whenever a stream was silent this long (a model thinking before it answers), so that proxies
 * with an idle timeout keep the connection; Anthropic's SDKs skip pings.
 */
export const keepAliveIntervalMs = 10_000;
const pingEvent = 'event: ping\ndata: {"type":"ping"}\n\n';

/** Says whether `count_tokens` answered with the provider's own count or a local estimate. */
export const tokenCountSourceHeader = 'x-modelgate-token-count';

/**
 * The client's `anthropic-beta` flags, to go upstream with the call: the Anthropic provider joins them to
 * its configured ones (native and canonical paths alike); a host that does not speak Anthropic's API
 * ignores the header.
 */
function betaHeaders(request: FastifyRequest): Record<string, string> | undefined {
  const value = request.headers['anthropic-beta'];
  if (value === undefined) return undefined;
  const flags = Array.isArray(value) ? value.join(',') : value;
  return flags.trim() === '' ? undefined : { 'anthropic-beta': flags };
}

/** Anthropic's error body, naming the request id as Anthropic's does (`request_id`). */
function anthropicError(request: FastifyRequest) {
  return (error: ModelgateError) => {
    const encoded = anthropicErrorBodyOf(error);
    return { ...encoded, body: { ...encoded.body, request_id: request.id } };
  };
}

/**
 * `POST /v1/messages` and `POST /v1/messages/count_tokens`: Anthropic's Messages API in front of any
 * provider (forwarded untouched to one whose chat model speaks `anthropic-messages` natively). The key
 * comes as `x-api-key` or `Authorization: Bearer`; any `anthropic-version` is accepted. Every error on
 * these routes — authentication, validation, routing, upstream failures, a body too large — is in
 * Anthropic's shape, and a failed stream ends with an `error` event, never `message_stop`.
 */
export const messagesRoute: FastifyPluginCallback<MessagesRouteOptions> = (app, { gateway, logger }, done) => {
  app.setErrorHandler((error, request, reply) => app.errorSenders.sendError(error, request, reply, anthropicError(request)));
  // Anthropic's SDKs read the request id from `request-id`.
  app.addHook('onRequest', (request, reply, next) => {
    reply.header('request-id', request.id);
    next();
  });

  app.post('/v1/messages', { schema: { body: anthropicMessagesRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const outcome = await gateway.runChat(anthropicMessagesCodec, request.body, {
      principal: request.principal ?? undefined,
      cancellation: clientCancellation(reply),
      requestId: request.id,
      strict: strictOf(request),
      headers: betaHeaders(request),
    });
    const { metadata } = outcome;
    if (!outcome.stream) noteAccessLogUsage(request, outcome.native ? outcome.result.usage : outcome.response.usage, metadata.costUsd);
    return sendChatOutcome(reply, anthropicMessagesCodec, outcome, started, {
      redactor: app.secretRedactor,
      clientError: (error) => app.errorSenders.clientError(error, request),
      onEarlyEnd: (error) => logEarlyStreamEnd(logger, request.id, error),
      // The gateway set the stream's cost as its finish passed, before this runs.
      onFinish: (usage) => noteAccessLogUsage(request, usage, metadata.costUsd),
      keepAlive: { intervalMs: keepAliveIntervalMs, text: pingEvent },
    });
  });

  app.post('/v1/messages/count_tokens', { schema: { body: anthropicCountTokensRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const { request: canonical } = decodeAnthropicCountTokensRequest(request.body);
    const { count, metadata } = await gateway.countTokens(canonical, estimateInputTokens, {
      principal: request.principal ?? undefined,
      cancellation: clientCancellation(reply),
      requestId: request.id,
      headers: betaHeaders(request),
    });
    reply.headers(callHeaders(metadata, started, app.secretRedactor));
    reply.header(tokenCountSourceHeader, count.source);
    return { input_tokens: count.inputTokens };
  });
  done();
};
