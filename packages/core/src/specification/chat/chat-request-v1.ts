import { z } from 'zod';
import { cacheControlV1Schema, providerOptionsV1Schema } from './chat-content-v1.js';
import { chatMessageV1Schema } from './chat-prompt-v1.js';

export const functionToolV1Schema = z.strictObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().optional(),
  /** JSON Schema of the arguments (an object schema). */
  inputSchema: z.record(z.string(), z.unknown()),
  /** Ask for exact adherence to the schema, where the provider offers it. */
  strict: z.boolean().optional(),
  cacheControl: cacheControlV1Schema.optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type FunctionToolV1 = z.infer<typeof functionToolV1Schema>;

export const toolChoiceV1Schema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auto') }),
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('required') }),
  z.strictObject({ type: z.literal('tool'), toolName: z.string().min(1) }),
]);
export type ToolChoiceV1 = z.infer<typeof toolChoiceV1Schema>;

export const responseFormatV1Schema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text') }),
  /** Any JSON object. */
  z.strictObject({ type: z.literal('json') }),
  z.strictObject({
    type: z.literal('json-schema'),
    schema: z.record(z.string(), z.unknown()),
    name: z.string().optional(),
    description: z.string().optional(),
    strict: z.boolean().optional(),
  }),
]);
export type ResponseFormatV1 = z.infer<typeof responseFormatV1Schema>;

export const reasoningSettingsV1Schema = z.strictObject({
  /** A level, for providers that take one (OpenAI `reasoning_effort`, Anthropic `effort`). `none` turns reasoning off. */
  effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).optional(),
  /** A token budget, for providers that take one (Anthropic `budget_tokens`, Gemini `thinkingBudget`). */
  budgetTokens: z.number().int().nonnegative().optional(),
});
export type ReasoningSettingsV1 = z.infer<typeof reasoningSettingsV1Schema>;

/**
 * A chat request in core's canonical model. Typed settings only: anything that one provider alone
 * understands goes in `providerOptions.<provider>` and nowhere else. Whether the answer streams is the
 * call (`generate` or `stream`), not a setting.
 */
export const chatRequestV1Schema = z.strictObject({
  /** The public model name the client asked for (providers call their own deployment model). */
  model: z.string().min(1),
  messages: z.array(chatMessageV1Schema).min(1),
  maxOutputTokens: z.number().int().positive().optional(),
  temperature: z.number().nonnegative().optional(),
  topP: z.number().min(0).max(1).optional(),
  topK: z.number().int().positive().optional(),
  stopSequences: z.array(z.string()).optional(),
  seed: z.number().int().optional(),
  presencePenalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
  responseFormat: responseFormatV1Schema.optional(),
  tools: z.array(functionToolV1Schema).optional(),
  toolChoice: toolChoiceV1Schema.optional(),
  parallelToolCalls: z.boolean().optional(),
  reasoning: reasoningSettingsV1Schema.optional(),
  /** An end-user id, for the provider's abuse monitoring. */
  user: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type ChatRequestV1 = z.infer<typeof chatRequestV1Schema>;
