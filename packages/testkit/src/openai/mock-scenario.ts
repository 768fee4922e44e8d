import { openAIErrorBody, type OpenAIErrorBody } from './openai-error-body.js';

/** Token counts a scenario reports; missing counts are derived from the request and the answer. */
export interface MockUsage {
  promptTokens?: number;
  completionTokens?: number;
  /** Reported in `prompt_tokens_details.cached_tokens` (included in `prompt_tokens`). */
  cachedTokens?: number;
  /** Reported in `completion_tokens_details.reasoning_tokens` (included in `completion_tokens`). */
  reasoningTokens?: number;
}

export type MockFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface MockToolCall {
  name: string;
  /** The arguments as a JSON string, sent exactly as given (streams split it into fragments). */
  arguments: string;
  /** Defaults to a generated `call_...` id. */
  id?: string;
}

/**
 * How the mock answers one chat or embedding request. Embedding requests answer `text` and
 * `tool_calls` scenarios with ordinary embeddings; every other scenario applies to them too.
 */
export type MockScenario =
  /** An assistant text answer; streams split the content into several fragments (`chunkDelayMs` apart). */
  | { type: 'text'; content: string; usage?: MockUsage; finishReason?: MockFinishReason; chunkDelayMs?: number }
  /** Tool calls (two or more are parallel calls with indexes 0, 1, ...), optionally after some text. */
  | { type: 'tool_calls'; calls: MockToolCall[]; content?: string; usage?: MockUsage }
  /** An HTTP error; the default body is OpenAI's error shape. A string body is sent as is. */
  | { type: 'error'; status: number; body?: unknown; headers?: Record<string, string> }
  /** 429 with `retry-after` and OpenAI's rate-limit body. */
  | { type: 'rate_limit'; retryAfterSeconds: number }
  /** A 5xx answer (500 by default) with OpenAI's server-error body. */
  | { type: 'server_error'; status?: number }
  /**
   * Never finishes: stays open until the client goes away or the server closes. With
   * `afterChunks` a streaming request first receives the headers and that many chunks.
   */
  | { type: 'hang'; afterChunks?: number }
  /** Sends the headers and `afterChunks` chunks of a text stream, then destroys the socket (no `[DONE]`). */
  | { type: 'drop'; afterChunks: number; content?: string }
  /**
   * A stream of `afterChunks` chunks of a text answer, then OpenAI's in-stream error event
   * (`data: {"error":{...}}`) and the end of the response, without `[DONE]`. A plain request gets
   * the error body with HTTP 500.
   */
  | { type: 'stream_error'; afterChunks: number; error?: OpenAIErrorBody['error']; content?: string }
  /** A text answer whose stream sends one chunk every `intervalMs` (for cancellation tests). */
  | { type: 'slow'; content: string; intervalMs: number }
  /**
   * An upstream that echoes the `Authorization` header it received (some do, in 401 and 5xx bodies):
   * an HTTP error with that status, or with `inStream` a stream whose second event is an error.
   */
  | { type: 'echo_credential'; status: number; inStream?: boolean }
  /** Waits, then answers with `then`. */
  | { type: 'delay'; ms: number; then: MockScenario }
  /** Status, headers and body bytes exactly as given, for malformed-upstream tests. */
  | { type: 'raw'; status: number; headers: Record<string, string>; body: string | Uint8Array };

export type MockScenarioType = MockScenario['type'];

/** The answer when no scenario is queued: 8 fragments, so a default stream is 11 events with `[DONE]`. */
export const defaultMockContent = 'Hello from the modelgate mock upstream. Have fun!';

export const defaultMockScenario: MockScenario = { type: 'text', content: defaultMockContent };

/** The two parallel calls of `mock-scenario:tool_calls`. */
export const defaultMockToolCalls: MockToolCall[] = [
  { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
  { name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' },
];

/** The model-name prefix that selects a scenario from another process: `mock-scenario:<name>[:<argument>]`. */
export const mockScenarioPrefix = 'mock-scenario:';

function numberArgument(argument: string | undefined, fallback: number): number {
  const value = argument === undefined ? Number.NaN : Number(argument);
  return Number.isFinite(value) ? value : fallback;
}

/**
 * The scenario a model name selects, or `undefined` for an ordinary model name.
 *
 * | model                              | scenario                                             |
 * |------------------------------------|------------------------------------------------------|
 * | `mock-scenario:text`               | the default text answer                              |
 * | `mock-scenario:tool_calls`         | two parallel calls (`get_weather`, `get_time`)       |
 * | `mock-scenario:error[:status]`     | an OpenAI error body, 400 by default                 |
 * | `mock-scenario:rate_limit[:secs]`  | 429 with `retry-after` (1 second by default)         |
 * | `mock-scenario:server_error[:st]`  | 500 by default                                       |
 * | `mock-scenario:hang[:chunks]`      | never answers (streams: after that many chunks)      |
 * | `mock-scenario:drop[:chunks]`      | a stream cut after 3 chunks by default               |
 * | `mock-scenario:stream_error[:ch]`  | an error event after 3 chunks by default             |
 * | `mock-scenario:slow[:ms]`          | the default text, a chunk every 50 ms by default     |
 * | `mock-scenario:delay[:ms]`         | the default text answer after 100 ms by default      |
 * | `mock-scenario:malformed`          | 200 with a body that is not valid JSON / SSE         |
 */
export function scenarioFromModel(model: unknown, stream: boolean): MockScenario | undefined {
  if (typeof model !== 'string' || !model.startsWith(mockScenarioPrefix)) return undefined;
  const [name, argument] = model.slice(mockScenarioPrefix.length).split(':');
  switch (name) {
    case 'text':
      return defaultMockScenario;
    case 'tool_calls':
      return { type: 'tool_calls', calls: defaultMockToolCalls };
    case 'error':
      return { type: 'error', status: numberArgument(argument, 400) };
    case 'rate_limit':
      return { type: 'rate_limit', retryAfterSeconds: numberArgument(argument, 1) };
    case 'server_error':
      return { type: 'server_error', status: numberArgument(argument, 500) };
    case 'hang':
      return argument === undefined ? { type: 'hang' } : { type: 'hang', afterChunks: numberArgument(argument, 0) };
    case 'drop':
      return { type: 'drop', afterChunks: numberArgument(argument, 3) };
    case 'stream_error':
      return { type: 'stream_error', afterChunks: numberArgument(argument, 3) };
    case 'slow':
      return { type: 'slow', content: defaultMockContent, intervalMs: numberArgument(argument, 50) };
    case 'delay':
      return { type: 'delay', ms: numberArgument(argument, 100), then: defaultMockScenario };
    case 'malformed':
      return stream
        ? { type: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: 'data: {"id":\n\n' }
        : { type: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"chatcmpl-' };
    default:
      return {
        type: 'error',
        status: 400,
        body: openAIErrorBody(
          `Unknown mock scenario "${name ?? ''}" in the model name.`,
          'invalid_request_error',
          'model_not_found',
          'model',
        ),
      };
  }
}
