import { z } from 'zod';
import {
  filePartV1Schema,
  imagePartV1Schema,
  providerOptionsV1Schema,
  reasoningPartV1Schema,
  textPartV1Schema,
  toolCallPartV1Schema,
  toolResultPartV1Schema,
} from './chat-content-v1.js';

/**
 * System instructions. Several may appear, and where they appear is kept (OpenAI allows them between
 * turns); providers with one top-level system field join them in order. OpenAI's `developer` role is a
 * system message.
 */
export const systemMessageV1Schema = z.strictObject({
  role: z.literal('system'),
  content: z.array(textPartV1Schema).min(1),
  providerOptions: providerOptionsV1Schema.optional(),
});

export const userMessageV1Schema = z.strictObject({
  role: z.literal('user'),
  content: z.array(z.discriminatedUnion('type', [textPartV1Schema, imagePartV1Schema, filePartV1Schema])).min(1),
  providerOptions: providerOptionsV1Schema.optional(),
});

/** An earlier answer of the model, in its original order: reasoning, text, files and tool calls. */
export const assistantMessageV1Schema = z.strictObject({
  role: z.literal('assistant'),
  content: z.array(z.discriminatedUnion('type', [textPartV1Schema, reasoningPartV1Schema, toolCallPartV1Schema, filePartV1Schema])),
  providerOptions: providerOptionsV1Schema.optional(),
});

/** The results of the tool calls of the assistant turn before it; all results of one turn sit in one message. */
export const toolMessageV1Schema = z.strictObject({
  role: z.literal('tool'),
  content: z.array(toolResultPartV1Schema).min(1),
  providerOptions: providerOptionsV1Schema.optional(),
});

export const chatMessageV1Schema = z.discriminatedUnion('role', [
  systemMessageV1Schema,
  userMessageV1Schema,
  assistantMessageV1Schema,
  toolMessageV1Schema,
]);

export type SystemMessageV1 = z.infer<typeof systemMessageV1Schema>;
export type UserMessageV1 = z.infer<typeof userMessageV1Schema>;
export type AssistantMessageV1 = z.infer<typeof assistantMessageV1Schema>;
export type ToolMessageV1 = z.infer<typeof toolMessageV1Schema>;
export type ChatMessageV1 = z.infer<typeof chatMessageV1Schema>;
export type UserContentPartV1 = UserMessageV1['content'][number];
export type AssistantContentPartV1 = AssistantMessageV1['content'][number];
