/** What an upstream's error body says, whatever its shape. */
export interface UpstreamErrorDetails {
  message?: string;
  type?: string;
  code?: string;
  param?: string;
  /** A numeric status found inside the body (`{"error":{"code":502}}` from OpenRouter, Google's `code`). */
  status?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function fromObject(object: Record<string, unknown>): UpstreamErrorDetails {
  const details: UpstreamErrorDetails = {};
  const message = text(object.message) ?? text(object.msg) ?? text(object.error_description);
  if (message !== undefined) details.message = message;
  const type = text(object.type) ?? text(object.status);
  if (type !== undefined) details.type = type;
  if (typeof object.code === 'string' && object.code.length > 0) details.code = object.code;
  else if (typeof object.code === 'number' && Number.isInteger(object.code)) details.status = object.code;
  const param = text(object.param);
  if (param !== undefined) details.param = param;
  return details;
}

/** Reads a parsed error body: OpenAI, vLLM/Mistral (flat), Ollama (`error` string), FastAPI (`detail`), Gemini (array). */
export function readUpstreamErrorValue(value: unknown): UpstreamErrorDetails {
  if (Array.isArray(value)) return value.length > 0 ? readUpstreamErrorValue(value[0]) : {};
  if (!isRecord(value)) return {};
  if (isRecord(value.error)) return fromObject(value.error);
  if (typeof value.error === 'string') {
    const details = fromObject(value);
    details.message = value.error;
    return details;
  }
  if (typeof value.detail === 'string') return { message: value.detail };
  if (Array.isArray(value.detail)) {
    const first = value.detail.find(isRecord);
    const message = first === undefined ? undefined : (text(first.msg) ?? text(first.message));
    return message === undefined ? {} : { message };
  }
  return fromObject(value);
}

/** Parses an error body as received. A body that is not JSON (an HTML page from a proxy) gives its text as the message. */
export function parseUpstreamErrorBody(body: string): UpstreamErrorDetails {
  const trimmed = body.trim();
  if (trimmed.length === 0) return {};
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return readUpstreamErrorValue(JSON.parse(trimmed));
    } catch {
      // not JSON after all: fall through
    }
  }
  const plain = trimmed
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length === 0 ? {} : { message: plain.slice(0, 300) };
}
