import {
  mistralToolCallIdBody,
  mistralToolResultsBody,
  mistralValidationBody,
  type MistralErrorBody,
  type MistralValidationDetail,
} from './mistral-error-body.js';

/** The fields of Mistral's chat completion request; anything else is a 422, as the real API's validation does. */
const chatFields = new Set([
  'model',
  'messages',
  'temperature',
  'top_p',
  'max_tokens',
  'stream',
  'stop',
  'random_seed',
  'response_format',
  'tools',
  'tool_choice',
  'presence_penalty',
  'frequency_penalty',
  'n',
  'prediction',
  'parallel_tool_calls',
  'prompt_mode',
  'safe_prompt',
  'reasoning_effort',
]);
const embeddingFields = new Set(['model', 'input', 'output_dimension', 'output_dtype', 'encoding_format', 'metadata']);
const toolChoices = new Set(['auto', 'none', 'any', 'required']);
const toolCallId = /^[a-zA-Z0-9]{9}$/;

export interface MistralRejection {
  status: number;
  body: MistralErrorBody;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function extraFields(body: Record<string, unknown>, allowed: ReadonlySet<string>): MistralValidationDetail[] {
  return Object.keys(body)
    .filter((field) => !allowed.has(field))
    .map((field) => ({ type: 'extra_forbidden', loc: ['body', field], msg: 'Extra inputs are not permitted', input: body[field] }));
}

function toolCallIds(message: Record<string, unknown>): string[] {
  const calls = Array.isArray(message['tool_calls']) ? (message['tool_calls'] as unknown[]) : [];
  return calls.filter(isRecord).map((call) => String(call['id']));
}

/** Checks the messages as Mistral does: tool-call ids of 9 letters and digits, each call answered by its tool message. */
function checkMessages(messages: unknown[]): MistralRejection | undefined {
  for (let position = 0; position < messages.length; position += 1) {
    const message = messages[position];
    if (!isRecord(message)) continue;
    const ids =
      message['role'] === 'assistant' ? toolCallIds(message) : message['role'] === 'tool' ? [String(message['tool_call_id'])] : [];
    const invalid = ids.find((id) => !toolCallId.test(id));
    if (invalid !== undefined) return { status: 400, body: mistralToolCallIdBody(invalid) };
    if (message['role'] !== 'assistant' || ids.length === 0) continue;
    const answered: string[] = [];
    for (let next = position + 1; next < messages.length; next += 1) {
      const reply = messages[next];
      if (!isRecord(reply) || reply['role'] !== 'tool') break;
      answered.push(String(reply['tool_call_id']));
    }
    const last = position === messages.length - 1;
    if (!last && (answered.length !== ids.length || ids.some((id) => !answered.includes(id)))) {
      return { status: 400, body: mistralToolResultsBody() };
    }
  }
  return undefined;
}

/** Why Mistral would refuse a chat request body, or undefined when it would take it. */
export function validateMistralChatRequest(body: Record<string, unknown>): MistralRejection | undefined {
  const details = extraFields(body, chatFields);
  if (typeof body['model'] !== 'string') details.push({ type: 'missing', loc: ['body', 'model'], msg: 'Field required' });
  if (!Array.isArray(body['messages'])) details.push({ type: 'missing', loc: ['body', 'messages'], msg: 'Field required' });
  const seed = body['random_seed'];
  if (seed !== undefined && seed !== null && !Number.isInteger(seed)) {
    details.push({ type: 'int_type', loc: ['body', 'random_seed'], msg: 'Input should be a valid integer', input: seed });
  }
  const choice = body['tool_choice'];
  if (choice !== undefined && !(typeof choice === 'string' ? toolChoices.has(choice) : isRecord(choice) && choice['type'] === 'function')) {
    details.push({ type: 'enum', loc: ['body', 'tool_choice'], msg: "Input should be 'auto', 'none', 'any' or 'required'", input: choice });
  }
  if (details.length > 0) return { status: 422, body: mistralValidationBody(details) };
  return checkMessages(body['messages'] as unknown[]);
}

export function validateMistralEmbeddingRequest(body: Record<string, unknown>): MistralRejection | undefined {
  const details = extraFields(body, embeddingFields);
  if (typeof body['model'] !== 'string') details.push({ type: 'missing', loc: ['body', 'model'], msg: 'Field required' });
  if (body['input'] === undefined) details.push({ type: 'missing', loc: ['body', 'input'], msg: 'Field required' });
  return details.length > 0 ? { status: 422, body: mistralValidationBody(details) } : undefined;
}
