import { z } from 'zod';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import type { TranscriptionRequestV1, TranscriptionResponseV1 } from '../../specification/transcription-v1.js';
import { validateRequest } from '../../validation/validate-request.js';
import { unmappedFields } from './unmapped-fields.js';

/** The text fields of a `POST /v1/audio/transcriptions` form (multipart values are strings). */
export const openAITranscriptionFieldsSchema = z.looseObject({
  model: z.string().min(1).max(256),
  language: z.string().max(16).optional(),
  prompt: z.string().max(8192).optional(),
  response_format: z.enum(['json', 'text', 'srt', 'verbose_json', 'vtt']).optional(),
  temperature: z.coerce.number().min(0).max(1).optional(),
  'timestamp_granularities[]': z.union([z.enum(['segment', 'word']), z.array(z.enum(['segment', 'word']))]).optional(),
  stream: z.enum(['false'], { error: 'streamed transcription is not supported' }).optional(),
});

export type OpenAITranscriptionFormat = 'json' | 'text' | 'srt' | 'verbose_json' | 'vtt';

/** The uploaded audio of the form's `file` field. */
export interface UploadedAudio {
  data: Uint8Array;
  filename: string;
  mediaType?: string;
}

const mappedFields = new Set(['model', 'language', 'prompt', 'response_format', 'temperature', 'timestamp_granularities[]', 'stream']);

export function decodeOpenAITranscriptionRequest(
  fields: Readonly<Record<string, string | string[]>>,
  file: UploadedAudio | undefined,
): { request: TranscriptionRequestV1; format: OpenAITranscriptionFormat } {
  const wire = validateRequest(openAITranscriptionFieldsSchema, fields);
  if (file === undefined) throw new InvalidRequestError("Invalid value for 'file': an audio file is required.", { param: 'file' });
  const format = wire.response_format ?? 'json';
  const request: TranscriptionRequestV1 = { model: wire.model, audio: file.data, filename: file.filename };
  if (file.mediaType !== undefined) request.mediaType = file.mediaType;
  if (wire.language !== undefined) request.language = wire.language;
  if (wire.prompt !== undefined) request.prompt = wire.prompt;
  if (wire.temperature !== undefined) request.temperature = wire.temperature;
  const granularities = wire['timestamp_granularities[]'];
  const timestamps = new Set<'segment' | 'word'>(granularities === undefined ? [] : [granularities].flat());
  // Subtitles are built from segments; verbose answers carry them as OpenAI does.
  if (format === 'srt' || format === 'vtt' || (format === 'verbose_json' && timestamps.size === 0)) timestamps.add('segment');
  if (timestamps.size > 0) request.timestamps = [...timestamps];
  const options = unmappedFields(wire, mappedFields);
  if (options !== undefined) request.providerOptions = { openai: options };
  return { request, format };
}

function clock(seconds: number, separator: ',' | '.'): string {
  const milliseconds = Math.round(seconds * 1000);
  const hours = Math.floor(milliseconds / 3_600_000);
  const minutes = Math.floor((milliseconds % 3_600_000) / 60_000);
  const secs = Math.floor((milliseconds % 60_000) / 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(secs)}${separator}${pad(milliseconds % 1000, 3)}`;
}

function segmentsOf(response: TranscriptionResponseV1, format: string): NonNullable<TranscriptionResponseV1['segments']> {
  if (response.segments !== undefined) return response.segments;
  throw new InvalidRequestError(`The provider gave no timed segments, so no ${format} subtitles can be made.`, {
    param: 'response_format',
  });
}

/** The answer in the format asked for: a JSON body, or text (`text`, `srt`, `vtt`) with its content type. */
export function encodeOpenAITranscriptionResponse(
  response: TranscriptionResponseV1,
  format: OpenAITranscriptionFormat,
): { contentType: string; body: string | Record<string, unknown> } {
  switch (format) {
    case 'text':
      return { contentType: 'text/plain; charset=utf-8', body: response.text };
    case 'srt':
      return {
        contentType: 'text/plain; charset=utf-8',
        body: segmentsOf(response, 'srt')
          .map((segment, index) => `${index + 1}\n${clock(segment.start, ',')} --> ${clock(segment.end, ',')}\n${segment.text.trim()}\n`)
          .join('\n'),
      };
    case 'vtt':
      return {
        contentType: 'text/vtt; charset=utf-8',
        body: `WEBVTT\n\n${segmentsOf(response, 'vtt')
          .map((segment) => `${clock(segment.start, '.')} --> ${clock(segment.end, '.')}\n${segment.text.trim()}\n`)
          .join('\n')}`,
      };
    case 'verbose_json':
      return {
        contentType: 'application/json; charset=utf-8',
        body: {
          task: 'transcribe',
          language: response.language ?? 'unknown',
          duration: response.durationSeconds ?? 0,
          text: response.text,
          ...(response.segments === undefined
            ? {}
            : { segments: response.segments.map((segment, id) => ({ id, start: segment.start, end: segment.end, text: segment.text })) }),
          ...(response.words === undefined ? {} : { words: response.words.map(({ text, start, end }) => ({ word: text, start, end })) }),
        },
      };
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        body: {
          text: response.text,
          ...(response.usage?.inputTokens === undefined
            ? {}
            : {
                usage: {
                  type: 'tokens',
                  input_tokens: response.usage.inputTokens,
                  output_tokens: response.usage.outputTokens ?? 0,
                  total_tokens: response.usage.inputTokens + (response.usage.outputTokens ?? 0),
                },
              }),
        },
      };
  }
}
