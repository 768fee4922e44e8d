/**
 * A quick yes for the chat requests most clients send: text messages (content a string, null or text parts),
 * tool calls, function tools and the usual scalar settings, every one within the limits of
 * `openAIChatRequestSchema`. `true` means the schema accepts the body as it is (its output would equal the
 * input: the schema has no defaults or transforms), so the body is used without running zod, which costs several
 * microseconds and a copy of the body per request. `false` means only "not sure": the schema then decides, and
 * names the field when it refuses. It must never say yes to a body the schema refuses; a property test holds
 * the two together.
 */
export function isPlainChatRequest(body: unknown): body is Record<string, unknown> {
  if (!isRecord(body)) return false;
  for (const key in body) {
    const value = body[key];
    if (value === undefined) continue;
    const check = topLevelChecks.get(key);
    if (check !== undefined && !check(value)) return false;
  }
  // Both were checked above when present; the schema requires them.
  return body.model !== undefined && body.messages !== undefined;
}

type Check = (value: unknown) => boolean;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
const nullable =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
const between =
  (minimum: number, maximum: number): Check =>
  (value) =>
    isFiniteNumber(value) && value >= minimum && value <= maximum;
const integerBetween =
  (minimum: number, maximum: number): Check =>
  (value) =>
    isInteger(value) && value >= minimum && value <= maximum;
const isBoolean: Check = (value) => typeof value === 'boolean';

const isModel = (value: unknown): boolean => isString(value) && value.length >= 1 && value.length <= 256;

const roles = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

function isTextParts(value: unknown[]): boolean {
  for (const part of value) {
    if (!isRecord(part) || part.type !== 'text' || !isString(part.text)) return false;
  }
  return true;
}

function isToolCalls(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const call of value) {
    if (!isRecord(call) || !isString(call.id) || call.type !== 'function') return false;
    const fn = call.function;
    if (!isRecord(fn) || !isString(fn.name) || fn.name.length === 0 || !isString(fn.arguments)) return false;
  }
  return true;
}

function isMessage(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const { role, content, name, tool_calls: toolCalls, tool_call_id: toolCallId } = value;
  if (!isString(role) || !roles.has(role)) return false;
  if (content !== undefined && content !== null && !isString(content) && !(Array.isArray(content) && isTextParts(content))) return false;
  if (name !== undefined && !isString(name)) return false;
  if (toolCalls !== undefined && !isToolCalls(toolCalls)) return false;
  if (toolCallId !== undefined && !isString(toolCallId)) return false;
  if (role === 'tool' && (toolCallId === undefined || toolCallId === '')) return false;
  if (role === 'function' && (name === undefined || name === '')) return false;
  return true;
}

function isMessages(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const message of value) if (!isMessage(message)) return false;
  return true;
}

function isFunctionTool(value: unknown): boolean {
  if (!isRecord(value) || value.type !== 'function') return false;
  const fn = value.function;
  if (!isRecord(fn) || !isString(fn.name) || fn.name.length < 1 || fn.name.length > 128) return false;
  if (fn.description !== undefined && !isString(fn.description)) return false;
  if (fn.parameters !== undefined && !isRecord(fn.parameters)) return false;
  return fn.strict === undefined || fn.strict === null || typeof fn.strict === 'boolean';
}

const isTools: Check = (value) => Array.isArray(value) && value.every(isFunctionTool);

const isToolChoice: Check = (value) => {
  if (value === 'none' || value === 'auto' || value === 'required') return true;
  if (!isRecord(value) || value.type !== 'function' || !isRecord(value.function)) return false;
  const { name } = value.function;
  return isString(name) && name.length >= 1;
};

const isStop: Check = (value) => value === null || isString(value) || (Array.isArray(value) && value.length <= 4 && value.every(isString));

const recordOf =
  (check: Check): Check =>
  (value) => {
    if (!isRecord(value)) return false;
    for (const key in value) if (!check(value[key])) return false;
    return true;
  };

const optionalCount = nullable((value) => isInteger(value) && value >= 1);
const responseFormats = new Set(['text', 'json_object', 'json_schema']);

/** The schema's rule for each top-level field it names; any other field passes through, as the schema lets it. */
const topLevelChecks: ReadonlyMap<string, Check> = new Map(
  Object.entries({
    model: isModel,
    messages: isMessages,
    stream: nullable(isBoolean),
    stream_options: nullable((value) => isRecord(value) && (value.include_usage === undefined || typeof value.include_usage === 'boolean')),
    max_tokens: optionalCount,
    max_completion_tokens: optionalCount,
    temperature: nullable(between(0, 2)),
    top_p: nullable(between(0, 1)),
    n: nullable(integerBetween(1, 128)),
    stop: isStop,
    presence_penalty: nullable(between(-2, 2)),
    frequency_penalty: nullable(between(-2, 2)),
    logit_bias: nullable(recordOf(isFiniteNumber)),
    logprobs: nullable(isBoolean),
    top_logprobs: nullable(integerBetween(0, 20)),
    seed: nullable(isInteger),
    response_format: nullable((value) => isRecord(value) && isString(value.type) && responseFormats.has(value.type)),
    tools: isTools,
    tool_choice: isToolChoice,
    parallel_tool_calls: nullable(isBoolean),
    user: isString,
    metadata: nullable(recordOf(isString)),
  }),
);
