import { z } from 'zod';
import { providerOptionsV1Schema, responseContentPartV1Schema } from './chat-content-v1.js';

/**
 * Why the model stopped: `unified` is one of a fixed set for every provider; `raw` is the provider's own
 * value (`end_turn`, `MAX_TOKENS`, `guardrail_intervened`…), kept for logs and for same-format surfaces.
 * A provider sets `tool-calls` whenever the content holds a tool call, whatever the upstream said.
 */
export const finishReasonV1Schema = z.strictObject({
  unified: z.enum(['stop', 'length', 'tool-calls', 'content-filter', 'error', 'other']),
  raw: z.string().optional(),
});
export type FinishReasonV1 = z.infer<typeof finishReasonV1Schema>;
export type UnifiedFinishReasonV1 = FinishReasonV1['unified'];

/**
 * Token counts, normalised so that every provider means the same thing:
 * - `inputTokens` counts ALL input tokens, cached ones included: `cacheReadTokens` and `cacheWriteTokens`
 *   are parts of it (Anthropic's `input_tokens` excludes them, so its provider adds them).
 * - `outputTokens` counts ALL output tokens, reasoning included: `reasoningTokens` is part of it.
 * - `totalTokens` is `inputTokens + outputTokens`.
 * A count the provider did not report is absent, not zero.
 */
export const usageV1Schema = z.strictObject({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  cacheReadTokens: z.number().int().nonnegative().optional(),
  cacheWriteTokens: z.number().int().nonnegative().optional(),
  reasoningTokens: z.number().int().nonnegative().optional(),
});
export type UsageV1 = z.infer<typeof usageV1Schema>;

/**
 * Something the provider could not do as asked: a setting dropped or clamped, a part it cannot take.
 * Warnings reach the client (the `x-modelgate-warnings` header) and the log; they never change meaning
 * silently.
 */
export const warningV1Schema = z.strictObject({
  type: z.enum(['unsupported-setting', 'clamped-setting', 'unsupported-content', 'other']),
  /** The canonical setting concerned (`temperature`, `providerOptions.openai.logprobs`…). */
  setting: z.string().optional(),
  message: z.string(),
});
export type WarningV1 = z.infer<typeof warningV1Schema>;

export const responseMetadataV1Schema = z.strictObject({
  /** The provider's response id. */
  id: z.string().optional(),
  /** The model that answered, as the provider names it. */
  model: z.string().optional(),
  /** Unix time in seconds. */
  created: z.number().int().optional(),
});
export type ResponseMetadataV1 = z.infer<typeof responseMetadataV1Schema>;

export const chatResponseV1Schema = z.strictObject({
  /** The answer's parts in the order the model produced them. */
  content: z.array(responseContentPartV1Schema),
  finishReason: finishReasonV1Schema,
  usage: usageV1Schema.optional(),
  metadata: responseMetadataV1Schema,
  warnings: z.array(warningV1Schema),
  /** Provider-specific facts about the answer (`openai.systemFingerprint`…), keyed like `providerOptions`. */
  providerMetadata: providerOptionsV1Schema.optional(),
});
export type ChatResponseV1 = z.infer<typeof chatResponseV1Schema>;
