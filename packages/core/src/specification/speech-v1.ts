import { z } from 'zod';
import type { CallOptions, UpstreamMetadata } from './provider-v1.js';
import { providerOptionsV1Schema } from './chat/chat-content-v1.js';

/** Text to speak. */
export const speechRequestV1Schema = z.strictObject({
  model: z.string().min(1),
  input: z.string().min(1),
  voice: z.string().min(1),
  /** The audio container: `mp3`, `opus`, `aac`, `flac`, `wav`, `pcm`. Default: the provider's. */
  format: z.string().optional(),
  speed: z.number().positive().optional(),
  /** How to speak (tone, accent), for models that take it. */
  instructions: z.string().optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type SpeechRequestV1 = z.infer<typeof speechRequestV1Schema>;

/**
 * The audio as it is produced: bytes in order. Failures before the first byte reject `speak`; a failure
 * later makes the iterator throw. Leaving the iteration early releases the upstream.
 */
export interface SpeechResultV1 {
  audio: AsyncIterable<Uint8Array>;
  /** The audio's media type (`audio/mpeg`). */
  mediaType: string;
  upstream?: UpstreamMetadata;
}

export interface SpeechModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  speak(request: SpeechRequestV1, options: CallOptions): Promise<SpeechResultV1>;
}
