import { z } from 'zod';
import type { CallOptions, UpstreamMetadata } from './provider-v1.js';
import { providerOptionsV1Schema } from './chat/chat-content-v1.js';

/** Audio to turn into text. */
export const transcriptionRequestV1Schema = z.strictObject({
  model: z.string().min(1),
  audio: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'must be the audio bytes' }),
  /** The uploaded file's name; some providers read the format from its extension. */
  filename: z.string().min(1),
  mediaType: z.string().optional(),
  /** ISO-639-1 language of the audio. */
  language: z.string().optional(),
  /** Text that guides the style or continues a previous segment. */
  prompt: z.string().optional(),
  temperature: z.number().min(0).max(1).optional(),
  /** Ask for timed segments and/or words (for subtitles and verbose answers). */
  timestamps: z.array(z.enum(['segment', 'word'])).optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type TranscriptionRequestV1 = z.infer<typeof transcriptionRequestV1Schema>;

const timedTextSchema = z.strictObject({
  /** Seconds from the start of the audio. */
  start: z.number(),
  end: z.number(),
  text: z.string(),
});

export const transcriptionResponseV1Schema = z.strictObject({
  text: z.string(),
  language: z.string().optional(),
  /** Length of the audio in seconds. */
  durationSeconds: z.number().optional(),
  segments: z.array(timedTextSchema).optional(),
  words: z.array(timedTextSchema).optional(),
  usage: z
    .strictObject({
      inputTokens: z.number().int().nonnegative().optional(),
      outputTokens: z.number().int().nonnegative().optional(),
      seconds: z.number().nonnegative().optional(),
    })
    .optional(),
});
export type TranscriptionResponseV1 = z.infer<typeof transcriptionResponseV1Schema>;

export interface TranscriptionModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  transcribe(
    request: TranscriptionRequestV1,
    options: CallOptions,
  ): Promise<{ response: TranscriptionResponseV1; upstream?: UpstreamMetadata }>;
}
