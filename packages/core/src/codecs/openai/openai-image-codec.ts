import { z } from 'zod';
import type { ImageRequestV1, ImageResponseV1 } from '../../specification/image-v1.js';
import { validateRequest } from '../../validation/validate-request.js';
import { unmappedFields } from './unmapped-fields.js';

/** `POST /v1/images/generations`; fields it does not name go to `providerOptions.openai` unchanged. */
export const openAIImageRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  prompt: z.string().min(1).max(32_000),
  n: z.number().int().min(1).max(10).optional(),
  size: z.string().max(32).optional(),
  quality: z.string().max(32).optional(),
  style: z.string().max(32).optional(),
  response_format: z.enum(['url', 'b64_json']).optional(),
  user: z.string().optional(),
  stream: z.literal(false, { error: 'streamed image generation is not supported' }).optional(),
});
export type OpenAIImageRequest = z.infer<typeof openAIImageRequestSchema>;

export interface OpenAIImageResponse {
  created: number;
  data: { url?: string; b64_json?: string; revised_prompt?: string }[];
  usage?: { input_tokens: number; output_tokens: number; total_tokens: number };
}

const mappedFields = new Set(['model', 'prompt', 'n', 'size', 'quality', 'style', 'response_format', 'user', 'stream']);

export function decodeOpenAIImageRequest(body: unknown): ImageRequestV1 {
  const wire = validateRequest(openAIImageRequestSchema, body);
  const request: ImageRequestV1 = { model: wire.model, prompt: wire.prompt };
  if (wire.n !== undefined) request.count = wire.n;
  if (wire.size !== undefined) request.size = wire.size;
  if (wire.quality !== undefined) request.quality = wire.quality;
  if (wire.style !== undefined) request.style = wire.style;
  if (wire.response_format !== undefined) request.delivery = wire.response_format === 'url' ? 'url' : 'base64';
  if (wire.user !== undefined) request.user = wire.user;
  const options = unmappedFields(wire, mappedFields);
  if (options !== undefined) request.providerOptions = { openai: options };
  return request;
}

export function encodeOpenAIImageResponse(response: ImageResponseV1): OpenAIImageResponse {
  const body: OpenAIImageResponse = {
    created: response.created ?? Math.floor(Date.now() / 1000),
    data: response.images.map((image) => ({
      ...(image.url === undefined ? {} : { url: image.url }),
      ...(image.base64 === undefined ? {} : { b64_json: image.base64 }),
      ...(image.revisedPrompt === undefined ? {} : { revised_prompt: image.revisedPrompt }),
    })),
  };
  if (response.usage !== undefined) {
    const { inputTokens, outputTokens } = response.usage;
    body.usage = { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
  }
  return body;
}
