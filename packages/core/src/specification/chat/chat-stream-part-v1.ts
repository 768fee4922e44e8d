import { z } from 'zod';
import { ModelgateError } from '../../errors/modelgate-error.js';
import { providerOptionsV1Schema } from './chat-content-v1.js';
import { finishReasonV1Schema, responseMetadataV1Schema, usageV1Schema, warningV1Schema } from './chat-response-v1.js';

const blockId = z.string().min(1);

/**
 * The parts of a chat stream. Text, reasoning and tool input come in blocks: `*-start`, any number of
 * `*-delta`, `*-end`, each block named by an `id` unique within the stream; blocks may interleave. A
 * reasoning block's signature (`reasoning-signature`) arrives before its `reasoning-end`. After a tool
 * input block ends, a `tool-call` part carries the complete call (a provider that receives a call whole
 * may send only the `tool-call`). A stream ends with exactly one `finish` or one `error`, never both, and
 * nothing follows it; an upstream that drops mid-stream is an `error`. `raw` parts come only when the
 * call asked for them (`CallOptions.includeRaw`).
 */
export const chatStreamPartV1Schema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('stream-start'), warnings: z.array(warningV1Schema) }),
  responseMetadataV1Schema.extend({ type: z.literal('response-metadata') }),
  z.strictObject({ type: z.literal('text-start'), id: blockId, providerOptions: providerOptionsV1Schema.optional() }),
  z.strictObject({ type: z.literal('text-delta'), id: blockId, delta: z.string() }),
  z.strictObject({ type: z.literal('text-end'), id: blockId, providerOptions: providerOptionsV1Schema.optional() }),
  z.strictObject({
    type: z.literal('reasoning-start'),
    id: blockId,
    /** Set for a redacted block: opaque data to send back, and no text deltas. */
    redactedData: z.string().optional(),
    providerOptions: providerOptionsV1Schema.optional(),
  }),
  z.strictObject({ type: z.literal('reasoning-delta'), id: blockId, delta: z.string() }),
  z.strictObject({ type: z.literal('reasoning-signature'), id: blockId, signature: z.string() }),
  z.strictObject({ type: z.literal('reasoning-end'), id: blockId, providerOptions: providerOptionsV1Schema.optional() }),
  /** `id` is the tool call id. */
  z.strictObject({ type: z.literal('tool-input-start'), id: blockId, toolName: z.string().min(1) }),
  z.strictObject({ type: z.literal('tool-input-delta'), id: blockId, delta: z.string() }),
  z.strictObject({ type: z.literal('tool-input-end'), id: blockId }),
  z.strictObject({
    type: z.literal('tool-call'),
    toolCallId: blockId,
    toolName: z.string().min(1),
    input: z.string(),
    providerOptions: providerOptionsV1Schema.optional(),
  }),
  z.strictObject({
    type: z.literal('finish'),
    finishReason: finishReasonV1Schema,
    usage: usageV1Schema.optional(),
    providerMetadata: providerOptionsV1Schema.optional(),
  }),
  z.strictObject({ type: z.literal('error'), error: z.custom<ModelgateError>((value) => ModelgateError.isInstance(value)) }),
  z.strictObject({ type: z.literal('raw'), value: z.unknown() }),
]);
export type ChatStreamPartV1 = z.infer<typeof chatStreamPartV1Schema>;
export type ChatStreamPartTypeV1 = ChatStreamPartV1['type'];
