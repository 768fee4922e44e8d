import { z } from 'zod';

/**
 * Provider-specific values, keyed by provider family (`openai`, `anthropic`, `google`, `bedrock`) or by
 * provider instance name. A provider reads only its own keys, so a fallback to another provider never
 * receives them. On request settings and input parts they are options; on response parts they carry what
 * the provider needs back on the next turn (Gemini's `thoughtSignature`, for example).
 */
export const providerOptionsV1Schema = z.record(z.string(), z.record(z.string(), z.unknown()));
export type ProviderOptionsV1 = z.infer<typeof providerOptionsV1Schema>;

/** A prompt-cache breakpoint after this part (Anthropic `cache_control`, Bedrock `cachePoint`). */
export const cacheControlV1Schema = z.strictObject({
  type: z.literal('ephemeral'),
  /** How long the entry lives; the provider's default when absent. */
  ttl: z.enum(['5m', '1h']).optional(),
});
export type CacheControlV1 = z.infer<typeof cacheControlV1Schema>;

/** Where the bytes of an image or file are: a URL, inline base64 data, or a file the provider already holds. */
export const dataSourceV1Schema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('url'), url: z.string().min(1) }),
  z.strictObject({ type: z.literal('data'), data: z.string() }),
  z.strictObject({ type: z.literal('file-id'), fileId: z.string().min(1) }),
]);
export type DataSourceV1 = z.infer<typeof dataSourceV1Schema>;

export const textPartV1Schema = z.strictObject({
  type: z.literal('text'),
  text: z.string(),
  cacheControl: cacheControlV1Schema.optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type TextPartV1 = z.infer<typeof textPartV1Schema>;

export const imagePartV1Schema = z.strictObject({
  type: z.literal('image'),
  source: dataSourceV1Schema,
  /** `image/png`, `image/jpeg`…; required by most providers for inline data. */
  mediaType: z.string().optional(),
  /** OpenAI's resolution hint. */
  detail: z.enum(['auto', 'low', 'high']).optional(),
  cacheControl: cacheControlV1Schema.optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type ImagePartV1 = z.infer<typeof imagePartV1Schema>;

/** A document, audio clip or any other file: the media type says which. */
export const filePartV1Schema = z.strictObject({
  type: z.literal('file'),
  source: dataSourceV1Schema,
  /** `application/pdf`, `audio/wav`…; may be absent only for a `file-id` source. */
  mediaType: z.string().optional(),
  filename: z.string().optional(),
  cacheControl: cacheControlV1Schema.optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type FilePartV1 = z.infer<typeof filePartV1Schema>;

/**
 * A block of model reasoning. `signature` (Anthropic thinking, Bedrock reasoningText) or `redactedData`
 * (Anthropic `redacted_thinking`, Bedrock `redactedContent`) must go back unchanged on the next turn; a
 * message may hold several, and their order relative to text and tool calls is kept.
 */
export const reasoningPartV1Schema = z.strictObject({
  type: z.literal('reasoning'),
  text: z.string(),
  signature: z.string().optional(),
  redactedData: z.string().optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type ReasoningPartV1 = z.infer<typeof reasoningPartV1Schema>;

/** A call the model made. `input` is the JSON text of the arguments, exactly as the model produced it. */
export const toolCallPartV1Schema = z.strictObject({
  type: z.literal('tool-call'),
  toolCallId: z.string().min(1),
  toolName: z.string().min(1),
  input: z.string(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type ToolCallPartV1 = z.infer<typeof toolCallPartV1Schema>;

export const toolResultOutputV1Schema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), value: z.string() }),
  z.strictObject({ type: z.literal('json'), value: z.unknown() }),
  z.strictObject({ type: z.literal('content'), value: z.array(z.union([textPartV1Schema, imagePartV1Schema, filePartV1Schema])) }),
]);
export type ToolResultOutputV1 = z.infer<typeof toolResultOutputV1Schema>;

/** The answer to one tool call, paired with it by `toolCallId`. */
export const toolResultPartV1Schema = z.strictObject({
  type: z.literal('tool-result'),
  toolCallId: z.string().min(1),
  /** Some providers need the name (Gemini `functionResponse.name`); codecs fill it from the matching call. */
  toolName: z.string().optional(),
  output: toolResultOutputV1Schema,
  isError: z.boolean().optional(),
  cacheControl: cacheControlV1Schema.optional(),
  providerOptions: providerOptionsV1Schema.optional(),
});
export type ToolResultPartV1 = z.infer<typeof toolResultPartV1Schema>;

/** What a model answers with, in order. */
export const responseContentPartV1Schema = z.discriminatedUnion('type', [
  textPartV1Schema,
  reasoningPartV1Schema,
  toolCallPartV1Schema,
  filePartV1Schema,
]);
export type ResponseContentPartV1 = z.infer<typeof responseContentPartV1Schema>;
