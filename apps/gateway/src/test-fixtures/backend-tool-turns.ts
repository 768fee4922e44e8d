import type { RecordedRequest } from '@modelgate/testkit';
import type { BackendName } from './start-every-backend.js';

/** A tool call and a tool result as a backend request carries them, linked by id (or by name where the wire has no id). */
export interface BackendToolTurn {
  calls: { link: string; name: string }[];
  results: { link: string; content: string }[];
}

type Json = Record<string, unknown>;

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((item): item is Json => typeof item === 'object' && item !== null) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** OpenAI Chat Completions (and Mistral, Cohere v2): `tool_calls` on the assistant message, `role: "tool"` replies. */
function chatTurn(body: Json): BackendToolTurn {
  const messages = records(body['messages']);
  return {
    calls: messages.flatMap((message) =>
      records(message['tool_calls']).map((call) => ({ link: String(call['id']), name: String((call['function'] as Json)['name']) })),
    ),
    results: messages
      .filter((message) => message['role'] === 'tool')
      .map((message) => ({ link: String(message['tool_call_id']), content: text(message['content']) })),
  };
}

/** OpenAI Responses: `function_call` and `function_call_output` input items. */
function responsesTurn(body: Json): BackendToolTurn {
  const items = records(body['input']);
  return {
    calls: items
      .filter((item) => item['type'] === 'function_call')
      .map((item) => ({ link: String(item['call_id']), name: String(item['name']) })),
    results: items
      .filter((item) => item['type'] === 'function_call_output')
      .map((item) => ({ link: String(item['call_id']), content: text(item['output']) })),
  };
}

/** Anthropic Messages: `tool_use` blocks answered by `tool_result` blocks. */
function anthropicTurn(body: Json): BackendToolTurn {
  const blocks = records(body['messages']).flatMap((message) => records(message['content']));
  return {
    calls: blocks
      .filter((block) => block['type'] === 'tool_use')
      .map((block) => ({ link: String(block['id']), name: String(block['name']) })),
    results: blocks
      .filter((block) => block['type'] === 'tool_result')
      .map((block) => ({ link: String(block['tool_use_id']), content: text(block['content']) })),
  };
}

/** Bedrock Converse: `toolUse` blocks answered by `toolResult` blocks. */
function bedrockTurn(body: Json): BackendToolTurn {
  const blocks = records(body['messages']).flatMap((message) => records(message['content']));
  return {
    calls: blocks
      .flatMap((block) => records([block['toolUse']]))
      .map((use) => ({ link: String(use['toolUseId']), name: String(use['name']) })),
    results: blocks
      .flatMap((block) => records([block['toolResult']]))
      .map((result) => ({ link: String(result['toolUseId']), content: text(result['content']) })),
  };
}

/** Gemini and Vertex AI: `functionCall` parts answered by `functionResponse` parts, linked by name. */
function geminiTurn(body: Json): BackendToolTurn {
  const parts = records(body['contents']).flatMap((content) => records(content['parts']));
  return {
    calls: parts
      .flatMap((part) => records([part['functionCall']]))
      .map((call) => ({ link: String(call['name']), name: String(call['name']) })),
    results: parts
      .flatMap((part) => records([part['functionResponse']]))
      .map((response) => ({ link: String(response['name']), content: text(response['response']) })),
  };
}

/**
 * The tool calls and results of the last request a backend received, read in that backend's own wire
 * format (the OpenAI backend takes Chat Completions or, on `/responses`, Responses input items).
 */
export function backendToolTurn(backend: BackendName, request: RecordedRequest): BackendToolTurn {
  const body = request.body as Json;
  switch (backend) {
    case 'openai':
      return request.path.endsWith('/responses') ? responsesTurn(body) : chatTurn(body);
    case 'azure':
    case 'mistral':
    case 'cohere':
      return chatTurn(body);
    case 'anthropic':
      return anthropicTurn(body);
    case 'bedrock':
      return bedrockTurn(body);
    case 'gemini':
    case 'vertex':
      return geminiTurn(body);
  }
}
