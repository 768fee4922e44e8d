import type { CallOptions, SpeechModelV1, SpeechRequestV1, SpeechResultV1 } from '@modelgate/core';
import type { HttpResponseBody } from '../http-pools.js';
import { mapRequestError } from '../map-request-error.js';
import { abortOf, type OpenAICompatibleClient } from './openai-compatible-client.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';

/** OpenAI's media type per `response_format`, for hosts that send none. */
const mediaTypes: Readonly<Record<string, string>> = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

/** Text to speech against an OpenAI-compatible host: `POST {baseURL}/audio/speech`, the audio streamed back as it comes. */
export class OpenAICompatibleSpeechModel implements SpeechModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: OpenAICompatibleClient,
  ) {
    this.provider = client.provider;
  }

  async speak(request: SpeechRequestV1, options: CallOptions): Promise<SpeechResultV1> {
    const wire: Record<string, unknown> = {
      ...request.providerOptions?.openai,
      ...request.providerOptions?.[this.provider],
      model: this.modelId,
    };
    wire.input = request.input;
    wire.voice = request.voice;
    if (request.format !== undefined) wire.response_format = request.format;
    if (request.speed !== undefined) wire.speed = request.speed;
    if (request.instructions !== undefined) wire.instructions = request.instructions;
    const response = await this.client.send({
      path: '/audio/speech',
      body: JSON.stringify(wire),
      accept: '*/*',
      model: this.modelId,
      call: options,
    });
    const declared = response.headers['content-type'];
    return {
      audio: this.chunks(response.body, options),
      mediaType: declared !== undefined && declared !== '' ? declared : (mediaTypes[request.format ?? 'mp3'] ?? 'application/octet-stream'),
      upstream: { status: response.status, headers: pickUpstreamHeaders(response.headers) },
    };
  }

  /** The body's bytes; a broken connection becomes a typed error, and leaving early destroys the body. */
  private async *chunks(body: HttpResponseBody, options: CallOptions): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of body) yield chunk as Uint8Array;
    } catch (error) {
      throw mapRequestError(error, { signal: abortOf(options), provider: this.provider, model: this.modelId });
    } finally {
      if (!body.destroyed) body.destroy();
    }
  }
}
