import { decodeOpenAITranscriptionRequest, encodeOpenAITranscriptionResponse } from '@modelgate/core';
import type { FastifyPluginCallback } from 'fastify';
import { callHeaders } from '../http/call-headers.js';
import { clientCancellation } from '../http/client-cancellation.js';
import { parseAudioForm } from '../http/parse-audio-form.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

/**
 * `POST /v1/audio/transcriptions`, a multipart upload (the audio bounded at 25 MB, as OpenAI's), for
 * providers that transcribe. `text`, `srt` and `vtt` answers are made here from the provider's text
 * and timed segments.
 */
export const transcriptionsRoute: FastifyPluginCallback<GatewayRouteOptions> = (app, { gateway }, done) => {
  // The form is read in the handler, as it streams in, not buffered by a body parser.
  app.addContentTypeParser('multipart/form-data', (_request, _payload, next) => next(null));
  app.post('/v1/audio/transcriptions', async (request, reply) => {
    const started = performance.now();
    const form = await parseAudioForm(request.raw);
    const { request: transcription, format } = decodeOpenAITranscriptionRequest(form.fields, form.file);
    const { result, metadata } = await gateway.runAbility(
      transcription.model,
      'transcription',
      (provider, modelId, options) => provider.transcriptions?.(modelId).transcribe(transcription, options),
      { principal: request.principal ?? undefined, cancellation: clientCancellation(reply), requestId: request.id },
    );
    const encoded = encodeOpenAITranscriptionResponse(result.response, format);
    reply.headers(callHeaders(metadata, started, app.secretRedactor));
    return reply.type(encoded.contentType).send(encoded.body);
  });
  done();
};
