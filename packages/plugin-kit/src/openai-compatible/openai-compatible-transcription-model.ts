import type { CallOptions, TranscriptionModelV1, TranscriptionRequestV1, TranscriptionResponseV1, UpstreamMetadata } from '@modelgate/core';
import { multipartForm } from './multipart-form.js';
import { abortOf, type OpenAICompatibleClient } from './openai-compatible-client.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';

interface WireTimed {
  start?: unknown;
  end?: unknown;
  text?: unknown;
  word?: unknown;
}

function timed(items: unknown, textField: 'text' | 'word'): { start: number; end: number; text: string }[] | undefined {
  if (!Array.isArray(items)) return undefined;
  return (items as WireTimed[])
    .filter((item) => typeof item.start === 'number' && typeof item.end === 'number' && typeof item[textField] === 'string')
    .map((item) => ({ start: item.start as number, end: item.end as number, text: item[textField] as string }));
}

/**
 * Speech to text against an OpenAI-compatible host: `POST {baseURL}/audio/transcriptions` as a
 * multipart form. Timestamps ask for `verbose_json`, anything else for `json`; the surface formats
 * text and subtitles itself.
 */
export class OpenAICompatibleTranscriptionModel implements TranscriptionModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: OpenAICompatibleClient,
  ) {
    this.provider = client.provider;
  }

  async transcribe(
    request: TranscriptionRequestV1,
    options: CallOptions,
  ): Promise<{ response: TranscriptionResponseV1; upstream: UpstreamMetadata }> {
    const fields: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries({ ...request.providerOptions?.openai, ...request.providerOptions?.[this.provider] })) {
      if (value !== undefined && value !== null) fields[name] = Array.isArray(value) ? value.map(String) : String(value);
    }
    fields.model = this.modelId;
    const verbose = request.timestamps !== undefined && request.timestamps.length > 0;
    fields.response_format = verbose ? 'verbose_json' : 'json';
    if (verbose) fields['timestamp_granularities[]'] = [...request.timestamps!];
    if (request.language !== undefined) fields.language = request.language;
    if (request.prompt !== undefined) fields.prompt = request.prompt;
    if (request.temperature !== undefined) fields.temperature = String(request.temperature);
    const form = multipartForm(fields, [
      { name: 'file', filename: request.filename, contentType: request.mediaType ?? 'application/octet-stream', data: request.audio },
    ]);
    const response = await this.client.send({
      path: '/audio/transcriptions',
      body: form.body,
      contentType: form.contentType,
      model: this.modelId,
      call: options,
    });
    const value = (await this.client.readJson(response, this.modelId, abortOf(options))) as {
      text?: unknown;
      language?: unknown;
      duration?: unknown;
      segments?: unknown;
      words?: unknown;
      usage?: { input_tokens?: unknown; output_tokens?: unknown; seconds?: unknown };
    } | null;
    if (typeof value?.text !== 'string') {
      throw this.client.malformed(`a transcription without text: ${JSON.stringify(value).slice(0, 200)}`, this.modelId);
    }
    const result: TranscriptionResponseV1 = { text: value.text };
    if (typeof value.language === 'string') result.language = value.language;
    if (typeof value.duration === 'number') result.durationSeconds = value.duration;
    const segments = timed(value.segments, 'text');
    if (segments !== undefined) result.segments = segments;
    const words = timed(value.words, 'word');
    if (words !== undefined) result.words = words;
    const usage = value.usage;
    if (usage !== undefined && (typeof usage.input_tokens === 'number' || typeof usage.seconds === 'number')) {
      result.usage = {
        ...(typeof usage.input_tokens === 'number' ? { inputTokens: usage.input_tokens } : {}),
        ...(typeof usage.output_tokens === 'number' ? { outputTokens: usage.output_tokens } : {}),
        ...(typeof usage.seconds === 'number' ? { seconds: usage.seconds } : {}),
      };
    }
    return { response: result, upstream: { status: response.status, headers: pickUpstreamHeaders(response.headers) } };
  }
}
