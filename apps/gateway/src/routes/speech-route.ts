import { Readable } from 'node:stream';
import { decodeOpenAISpeechRequest, openAISpeechRequestSchema } from '@modelgate/core';
import type { FastifyPluginCallback } from 'fastify';
import { callHeaders } from '../http/call-headers.js';
import { clientCancellation } from '../http/client-cancellation.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

/**
 * `POST /v1/audio/speech`, for providers that speak text: the audio streams to the client as the
 * provider produces it. A client that goes away stops the upstream; a failure after the first byte
 * can only cut the response short.
 */
export const speechRoute: FastifyPluginCallback<GatewayRouteOptions> = (app, { gateway }, done) => {
  app.post('/v1/audio/speech', { schema: { body: openAISpeechRequestSchema } }, async (request, reply) => {
    const started = performance.now();
    const speech = decodeOpenAISpeechRequest(request.body);
    const { result, metadata } = await gateway.runAbility(
      speech.model,
      'speech',
      (provider, modelId, options) => provider.speech?.(modelId).speak(speech, options),
      { principal: request.principal ?? undefined, cancellation: clientCancellation(reply), requestId: request.id },
    );
    reply.headers(callHeaders(metadata, started, app.secretRedactor));
    return reply.type(result.mediaType).send(Readable.from(result.audio, { objectMode: false }));
  });
  done();
};
