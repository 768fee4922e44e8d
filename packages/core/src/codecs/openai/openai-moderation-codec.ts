import { z } from 'zod';
import type { ModerationRequestV1, ModerationResponseV1 } from '../../specification/moderation-v1.js';
import { validateRequest } from '../../validation/validate-request.js';

const multimodalInput = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text'), text: z.string() }),
  z.looseObject({ type: z.literal('image_url'), image_url: z.looseObject({ url: z.string().min(1) }) }),
]);

/** `POST /v1/moderations`. Without `model`, OpenAI's default model name is routed. */
export const openAIModerationRequestSchema = z.looseObject({
  model: z.string().min(1).max(256).optional(),
  input: z.union([z.string(), z.array(z.string()).min(1), z.array(multimodalInput).min(1)]),
});

export interface OpenAIModerationResponse {
  id: string;
  model: string;
  results: {
    flagged: boolean;
    categories: Record<string, boolean>;
    category_scores: Record<string, number>;
    category_applied_input_types?: Record<string, string[]>;
  }[];
}

/** OpenAI's own default when a request names no model. */
export const defaultModerationModel = 'omni-moderation-latest';

/**
 * A string or a list of strings is judged one result per string; a list of typed parts (text and
 * images) is one piece of content with one result, which `combined` says.
 */
export function decodeOpenAIModerationRequest(body: unknown): ModerationRequestV1 {
  const wire = validateRequest(openAIModerationRequestSchema, body);
  const model = wire.model ?? defaultModerationModel;
  if (typeof wire.input === 'string') return { model, inputs: [{ type: 'text', text: wire.input }] };
  const [first] = wire.input;
  if (typeof first === 'string') return { model, inputs: (wire.input as string[]).map((text) => ({ type: 'text', text })) };
  const parts = wire.input as z.infer<typeof multimodalInput>[];
  return {
    model,
    combined: true,
    inputs: parts.map((part) => (part.type === 'text' ? { type: 'text', text: part.text } : { type: 'image', url: part.image_url.url })),
  };
}

export function encodeOpenAIModerationResponse(
  response: ModerationResponseV1,
  context: { model: string; requestId: string },
): OpenAIModerationResponse {
  return {
    id: response.id ?? `modr-${context.requestId}`,
    model: response.model ?? context.model,
    results: response.results.map((result) => ({
      flagged: result.flagged,
      categories: result.categories,
      category_scores: result.categoryScores,
      ...(result.categoryInputTypes === undefined ? {} : { category_applied_input_types: result.categoryInputTypes }),
    })),
  };
}
