import { z } from 'zod';
import type { SpeechRequestV1 } from '../../specification/speech-v1.js';
import { validateRequest } from '../../validation/validate-request.js';
import { unmappedFields } from './unmapped-fields.js';

/** `POST /v1/audio/speech`; fields it does not name go to `providerOptions.openai` unchanged. */
export const openAISpeechRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  input: z.string().min(1).max(4096),
  voice: z.string().min(1).max(64),
  response_format: z.enum(['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm']).optional(),
  speed: z.number().min(0.25).max(4).optional(),
  instructions: z.string().max(4096).optional(),
});

const mappedFields = new Set(['model', 'input', 'voice', 'response_format', 'speed', 'instructions']);

export function decodeOpenAISpeechRequest(body: unknown): SpeechRequestV1 {
  const wire = validateRequest(openAISpeechRequestSchema, body);
  const request: SpeechRequestV1 = { model: wire.model, input: wire.input, voice: wire.voice };
  if (wire.response_format !== undefined) request.format = wire.response_format;
  if (wire.speed !== undefined) request.speed = wire.speed;
  if (wire.instructions !== undefined) request.instructions = wire.instructions;
  const options = unmappedFields(wire, mappedFields);
  if (options !== undefined) request.providerOptions = { openai: options };
  return request;
}
