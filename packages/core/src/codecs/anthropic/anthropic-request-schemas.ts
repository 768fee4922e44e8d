import { z } from 'zod';

/**
 * Anthropic Messages request bodies (`POST /v1/messages`, `POST /v1/messages/count_tokens`). Objects are
 * loose: a field this gateway does not know passes through to a provider that forwards the body natively
 * (and into `providerOptions.anthropic` otherwise). Content blocks are a closed set: an unknown block type
 * is a 400 naming it.
 */

/**
 * A string, or an array of blocks. Not a `z.union`: a union that fails reports the whole field, and a
 * client needs the path of the bad block (`messages[0].content[2].source.media_type`).
 */
function stringOrBlocks<Block extends z.ZodType>(block: Block) {
  const blocks = z.array(block);
  return z.custom<string | z.output<Block>[]>().superRefine((value, context) => {
    if (typeof value === 'string') return;
    if (!Array.isArray(value)) {
      context.addIssue({ code: 'custom', message: 'expected a string or an array of content blocks' });
      return;
    }
    const result = blocks.safeParse(value);
    // Re-raised as they are: their paths are relative to this field, so they name the block.
    if (!result.success) for (const issue of result.error.issues) context.addIssue(issue as never);
  });
}

const cacheControl = z
  .looseObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullable()
  .optional();

const textBlock = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl,
  citations: z.array(z.unknown()).nullable().optional(),
});

const imageSource = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('base64'),
    media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
    data: z.string().min(1),
  }),
  z.looseObject({ type: z.literal('url'), url: z.string().min(1) }),
  z.looseObject({ type: z.literal('file'), file_id: z.string().min(1) }),
]);

const imageBlock = z.looseObject({ type: z.literal('image'), source: imageSource, cache_control: cacheControl });

const documentSource = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('base64'), media_type: z.literal('application/pdf'), data: z.string().min(1) }),
  z.looseObject({ type: z.literal('url'), url: z.string().min(1) }),
  z.looseObject({ type: z.literal('text'), media_type: z.literal('text/plain'), data: z.string() }),
  z.looseObject({ type: z.literal('file'), file_id: z.string().min(1) }),
]);

const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: documentSource,
  title: z.string().nullable().optional(),
  context: z.string().nullable().optional(),
  citations: z.looseObject({ enabled: z.boolean().optional() }).nullable().optional(),
  cache_control: cacheControl,
});

const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl,
});

const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: stringOrBlocks(z.discriminatedUnion('type', [textBlock, imageBlock, documentBlock])).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl,
});

const thinkingBlock = z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() });
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

const contentBlock = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  documentBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
  redactedThinkingBlock,
]);

const message = z.looseObject({
  role: z.enum(['user', 'assistant']),
  content: stringOrBlocks(contentBlock),
});

/**
 * A custom tool (`type` absent or `custom`) has an `input_schema`; anything else is one of Anthropic's
 * server tools (`web_search_20250305`, `bash_20250124`…), accepted here and refused later unless the body
 * is forwarded natively.
 */
const tool = z
  .looseObject({
    type: z.string().min(1).optional(),
    name: z.string().min(1).max(128),
    description: z.string().optional(),
    input_schema: z.looseObject({ type: z.literal('object') }).optional(),
    cache_control: cacheControl,
  })
  .superRefine((value, context) => {
    if ((value.type === undefined || value.type === 'custom') && value.input_schema === undefined) {
      context.addIssue({ code: 'custom', path: ['input_schema'], message: 'a custom tool needs an input_schema' });
    }
  });

const toolChoice = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal('tool'), name: z.string().min(1), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal('none') }),
]);

const thinking = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('enabled'), budget_tokens: z.number().int().min(1024) }),
  z.looseObject({ type: z.literal('disabled') }),
  z.looseObject({ type: z.literal('adaptive') }),
]);

const system = stringOrBlocks(textBlock);

/** What `count_tokens` takes: a Messages request without `max_tokens`, sampling or streaming. */
export const anthropicCountTokensRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  messages: z.array(message).min(1),
  system: system.optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  thinking: thinking.optional(),
});

export const anthropicMessagesRequestSchema = anthropicCountTokensRequestSchema
  .extend({
    max_tokens: z.number().int().min(1),
    stop_sequences: z.array(z.string()).optional(),
    temperature: z.number().min(0).max(1).optional(),
    top_p: z.number().min(0).max(1).optional(),
    top_k: z.number().int().min(0).optional(),
    metadata: z.looseObject({ user_id: z.string().max(256).nullable().optional() }).optional(),
    stream: z.boolean().optional(),
  })
  .superRefine((request, context) => {
    // Checked here, as Anthropic does: the budget is part of the output limit.
    if (request.thinking?.type === 'enabled' && request.thinking.budget_tokens >= request.max_tokens) {
      context.addIssue({ code: 'custom', path: ['thinking', 'budget_tokens'], message: 'must be less than max_tokens' });
    }
  });

export type AnthropicCountTokensRequest = z.output<typeof anthropicCountTokensRequestSchema>;
export type AnthropicMessagesRequest = z.output<typeof anthropicMessagesRequestSchema>;
export type AnthropicRequestMessage = z.output<typeof message>;
export type AnthropicRequestContentBlock = z.output<typeof contentBlock>;
export type AnthropicTextBlockParam = z.output<typeof textBlock>;
export type AnthropicImageBlockParam = z.output<typeof imageBlock>;
export type AnthropicDocumentBlockParam = z.output<typeof documentBlock>;
export type AnthropicToolParam = z.output<typeof tool>;
export type AnthropicToolChoice = z.output<typeof toolChoice>;
