import type { ChatMessageV1 } from '../../specification/chat/chat-prompt-v1.js';
import type { ChatRequestV1, ReasoningSettingsV1, ResponseFormatV1, ToolChoiceV1 } from '../../specification/chat/chat-request-v1.js';
import { decodeOpenAIResponsesItems, nameToolResults } from './decode-openai-responses-items.js';
import type { OpenAIResponsesRequest } from './openai-responses-wire-types.js';

function present<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

function responseFormat(request: OpenAIResponsesRequest): ResponseFormatV1 | undefined {
  const format = request.text?.format;
  if (format === undefined) return undefined;
  if (format.type === 'json_object') return { type: 'json' };
  if (format.type === 'json_schema') {
    return {
      type: 'json-schema',
      schema: format.schema,
      name: format.name,
      ...(format.description === undefined ? {} : { description: format.description }),
      ...(typeof format.strict === 'boolean' ? { strict: format.strict } : {}),
    };
  }
  return { type: 'text' };
}

function toolChoice(choice: OpenAIResponsesRequest['tool_choice']): ToolChoiceV1 | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') return { type: choice };
  return { type: 'tool', toolName: choice.name };
}

/** This turn's input (a string is one user message) as canonical messages, without instructions. */
export function decodeOpenAIResponsesInput(request: Pick<OpenAIResponsesRequest, 'input'>): ChatMessageV1[] {
  if (typeof request.input === 'string') return [{ role: 'user', content: [{ type: 'text', text: request.input }] }];
  return decodeOpenAIResponsesItems(request.input);
}

/**
 * A Responses request (validated) in the canonical model. `conversation` is everything before this
 * turn's input (the stored turns of `previous_response_id`) followed by it; `instructions` go first as
 * a system message and, as on OpenAI, are not carried over to later turns. Fields the canonical model
 * has no place for (`include`, `truncation`, `service_tier`…) are not carried.
 */
export function decodeOpenAIResponsesRequest(request: OpenAIResponsesRequest, conversation: readonly ChatMessageV1[]): ChatRequestV1 {
  const messages: ChatMessageV1[] = [];
  if (present(request.instructions) && request.instructions.length > 0) {
    messages.push({ role: 'system', content: [{ type: 'text', text: request.instructions }] });
  }
  messages.push(...conversation);
  nameToolResults(messages);
  const decoded: ChatRequestV1 = { model: request.model, messages };
  if (present(request.max_output_tokens)) decoded.maxOutputTokens = request.max_output_tokens;
  if (present(request.temperature)) decoded.temperature = request.temperature;
  if (present(request.top_p)) decoded.topP = request.top_p;
  const format = responseFormat(request);
  if (format !== undefined) decoded.responseFormat = format;
  if (present(request.tools) && request.tools.length > 0) {
    decoded.tools = request.tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      ...(present(tool.description) ? { description: tool.description } : {}),
      inputSchema: tool.parameters ?? { type: 'object', properties: {} },
      ...(typeof tool.strict === 'boolean' ? { strict: tool.strict } : {}),
    }));
  }
  const choice = toolChoice(request.tool_choice);
  if (choice !== undefined) decoded.toolChoice = choice;
  if (present(request.parallel_tool_calls)) decoded.parallelToolCalls = request.parallel_tool_calls;
  const effort = request.reasoning?.effort;
  if (present(effort)) decoded.reasoning = { effort: effort as NonNullable<ReasoningSettingsV1['effort']> };
  if (present(request.user)) decoded.user = request.user;
  if (present(request.metadata)) decoded.metadata = request.metadata;
  return decoded;
}
