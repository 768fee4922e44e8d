import { z } from 'zod';

const inputText = z.looseObject({ type: z.literal('input_text'), text: z.string() });
const outputText = z.looseObject({ type: z.literal('output_text'), text: z.string() });
const refusal = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
const inputImage = z
  .looseObject({
    type: z.literal('input_image'),
    image_url: z.string().min(1).nullable().optional(),
    file_id: z.string().min(1).nullable().optional(),
    detail: z.enum(['auto', 'low', 'high', 'original']).optional(),
  })
  .refine((image) => typeof image.image_url === 'string' || typeof image.file_id === 'string', {
    message: 'an input_image needs image_url or file_id',
    path: ['image_url'],
  });
const inputFile = z
  .looseObject({
    type: z.literal('input_file'),
    file_id: z.string().min(1).nullable().optional(),
    file_data: z.string().min(1).optional(),
    file_url: z.string().min(1).optional(),
    filename: z.string().optional(),
  })
  .refine((file) => typeof file.file_id === 'string' || file.file_data !== undefined || file.file_url !== undefined, {
    message: 'an input_file needs file_id, file_data or file_url',
    path: ['file_id'],
  });

const contentPart = z.discriminatedUnion('type', [inputText, outputText, refusal, inputImage, inputFile]);

/** A string or a list of parts; unlike `z.union`, a bad part is reported at its own path (`content[2].type`). */
function textOrParts(parts: z.ZodType) {
  const list = z.array(parts);
  return z.custom<string | unknown[]>().superRefine((value, context) => {
    if (typeof value === 'string') return;
    if (!Array.isArray(value)) {
      context.addIssue({ code: 'custom', message: 'expected a string or an array of content parts' });
      return;
    }
    const result = list.safeParse(value);
    if (!result.success) for (const issue of result.error.issues) context.addIssue({ ...issue, code: 'custom', message: issue.message });
  });
}

const message = z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: textOrParts(contentPart),
  id: z.string().optional(),
  status: z.string().optional(),
});

const functionCall = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
  id: z.string().optional(),
  status: z.string().optional(),
});

const functionCallOutput = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string().min(1),
  output: textOrParts(z.discriminatedUnion('type', [inputText, inputImage, inputFile])),
  id: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
});

const reasoning = z.looseObject({
  type: z.literal('reasoning'),
  id: z.string().optional(),
  summary: z.array(z.looseObject({ type: z.literal('summary_text'), text: z.string() })).default([]),
  content: z.array(z.looseObject({ type: z.literal('reasoning_text'), text: z.string() })).optional(),
  encrypted_content: z.string().nullable().optional(),
  status: z.string().optional(),
});

/** The input items the gateway understands; built-in tool calls and item references are refused by name. */
const itemTypes = ['message', 'function_call', 'function_call_output', 'reasoning'] as const;

const item = z.unknown().superRefine((value, context) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    context.addIssue({ code: 'custom', message: 'an input item must be an object' });
    return;
  }
  const type = (value as { type?: unknown }).type ?? 'message';
  const schema =
    type === 'message'
      ? message
      : type === 'function_call'
        ? functionCall
        : type === 'function_call_output'
          ? functionCallOutput
          : type === 'reasoning'
            ? reasoning
            : undefined;
  if (schema === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['type'],
      message: `the input item type ${JSON.stringify(type)} is not supported by this gateway (supported: ${itemTypes.join(', ')})`,
    });
    return;
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) context.addIssue({ ...issue, code: 'custom', message: issue.message });
  }
});

const functionTool = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1).max(128),
  description: z.string().nullable().optional(),
  parameters: z.record(z.string(), z.unknown()).nullable().optional(),
  strict: z.boolean().nullable().optional(),
});

const tool = z.unknown().superRefine((value, context) => {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  if (type !== 'function') {
    context.addIssue({
      code: 'custom',
      path: ['type'],
      message:
        typeof type === 'string'
          ? `the built-in tool "${type}" is not supported by this gateway; only function tools are`
          : 'a tool needs a type; only function tools are supported',
    });
    return;
  }
  const result = functionTool.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) context.addIssue({ ...issue, code: 'custom', message: issue.message });
  }
});

const toolChoice = z.union([z.enum(['none', 'auto', 'required']), z.looseObject({ type: z.literal('function'), name: z.string().min(1) })]);

const textFormat = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    name: z.string().min(1).max(64),
    schema: z.record(z.string(), z.unknown()),
    description: z.string().optional(),
    strict: z.boolean().nullable().optional(),
  }),
]);

const optionalNumber = (minimum: number, maximum: number) => z.number().min(minimum).max(maximum).nullable().optional();

/**
 * The checks every `POST /v1/responses` body passes before it is routed (OpenAI's Responses API, the
 * parts a gateway in front of any provider can honour). Unknown top-level fields pass through: they
 * are forwarded to OpenAI natively and dropped on the canonical path.
 */
export const openAIResponsesRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  input: z.union([z.string(), z.array(item).min(1)]),
  instructions: z.string().nullable().optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  parallel_tool_calls: z.boolean().nullable().optional(),
  text: z.looseObject({ format: textFormat.optional() }).optional(),
  reasoning: z
    .looseObject({ effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullable().optional() })
    .nullable()
    .optional(),
  max_output_tokens: z.number().int().min(1).nullable().optional(),
  temperature: optionalNumber(0, 2),
  top_p: optionalNumber(0, 1),
  metadata: z.record(z.string().max(64), z.string().max(512)).nullable().optional(),
  user: z.string().optional(),
  store: z.boolean().nullable().optional(),
  previous_response_id: z.string().min(1).nullable().optional(),
  stream: z.boolean().nullable().optional(),
  background: z
    .boolean()
    .nullable()
    .optional()
    .refine((value) => value !== true, 'background responses are not supported by this gateway'),
  conversation: z
    .unknown()
    .optional()
    .refine((value) => value === undefined || value === null, 'conversations are not supported by this gateway; use previous_response_id'),
});

export type OpenAIResponsesRequestInput = z.input<typeof openAIResponsesRequestSchema>;
