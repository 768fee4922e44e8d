import { z } from 'zod';

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });
const imagePart = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).optional() }),
});
const audioPart = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});
const filePart = z.looseObject({
  type: z.literal('file'),
  file: z
    .looseObject({ file_id: z.string().optional(), file_data: z.string().optional(), filename: z.string().optional() })
    .refine((file) => file.file_id !== undefined || file.file_data !== undefined, 'give file_id or file_data'),
});
const refusalPart = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
const contentPart = z.discriminatedUnion('type', [textPart, imagePart, audioPart, filePart, refusalPart]);

const toolCall = z.looseObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }),
});

const message = z
  .looseObject({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
    content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
    name: z.string().optional(),
    tool_calls: z.array(toolCall).optional(),
    tool_call_id: z.string().optional(),
  })
  .superRefine((value, context) => {
    // Checked here, not when the canonical request is built: a forwarded request is never decoded.
    if (value.role === 'tool' && (value.tool_call_id === undefined || value.tool_call_id === '')) {
      context.addIssue({ code: 'custom', path: ['tool_call_id'], message: 'a tool message needs the id of the call it answers' });
    }
    if (value.role === 'function' && (value.name === undefined || value.name === '')) {
      context.addIssue({ code: 'custom', path: ['name'], message: 'a function message needs the function name' });
    }
  });

const functionTool = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1).max(128),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string().min(1) }) }),
]);

const optionalNumber = (minimum: number, maximum: number) => z.number().min(minimum).max(maximum).nullable().optional();
const optionalCount = z.number().int().min(1).nullable().optional();

/** The checks every chat request passes before it is routed. Unknown fields pass through. */
export const openAIChatRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  messages: z.array(message).min(1),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  max_tokens: optionalCount,
  max_completion_tokens: optionalCount,
  temperature: optionalNumber(0, 2),
  top_p: optionalNumber(0, 1),
  n: z.number().int().min(1).max(128).nullable().optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4), z.null()]).optional(),
  presence_penalty: optionalNumber(-2, 2),
  frequency_penalty: optionalNumber(-2, 2),
  logit_bias: z.record(z.string(), z.number()).nullable().optional(),
  logprobs: z.boolean().nullable().optional(),
  top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
  seed: z.number().int().nullable().optional(),
  response_format: z
    .looseObject({ type: z.enum(['text', 'json_object', 'json_schema']) })
    .nullable()
    .optional(),
  tools: z.array(functionTool).optional(),
  tool_choice: toolChoice.optional(),
  parallel_tool_calls: z.boolean().nullable().optional(),
  user: z.string().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
});

const embeddingInput = z.union([
  z.string(),
  z.array(z.string()).min(1).max(2048),
  z.array(z.number().int()).min(1),
  z.array(z.array(z.number().int()).min(1)).min(1).max(2048),
]);

export const openAIEmbeddingRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  input: embeddingInput,
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().min(1).optional(),
  user: z.string().optional(),
});
