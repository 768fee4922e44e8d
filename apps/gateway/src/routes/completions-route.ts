import { openAICompletionsCodec, openAICompletionsRequestSchema } from '@modelgate/core';
import type { FastifyPluginCallback } from 'fastify';
import { clientCancellation } from '../http/client-cancellation.js';
import { logEarlyStreamEnd } from '../http/log-early-stream-end.js';
import { sendChatOutcome } from '../http/send-chat-outcome.js';
import { noteAccessLogUsage } from '../plugins/access-log-plugin.js';
import type { ChatCompletionsRouteOptions } from './chat-completions-route.js';

/**
 * `POST /v1/completions`: OpenAI's legacy text completions, forwarded natively to providers that serve
 * them (a JSON answer, or server-sent events when `stream: true`); others are skipped, and a model with
 * none answers a 400 naming the provider.
 */
export const completionsRoute: FastifyPluginCallback<ChatCompletionsRouteOptions> = (app, { gateway, logger }, done) => {
  app.post('/v1/completions', { schema: { body: openAICompletionsRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const outcome = await gateway.runChat(openAICompletionsCodec, request.body, {
      principal: request.principal ?? undefined,
      cancellation: clientCancellation(reply),
      requestId: request.id,
    });
    if (!outcome.stream) noteAccessLogUsage(request, outcome.native ? outcome.result.usage : outcome.response.usage);
    return sendChatOutcome(reply, openAICompletionsCodec, outcome, started, {
      redactor: app.secretRedactor,
      clientError: (error) => app.errorSenders.clientError(error, request),
      onEarlyEnd: (error) => logEarlyStreamEnd(logger, request.id, error),
      onFinish: (usage) => noteAccessLogUsage(request, usage),
    });
  });
  done();
};
