import type { ProviderOptionsV1, ReasoningPartV1, ToolResultPartV1 } from '../../specification/chat/chat-content-v1.js';
import type { AssistantContentPartV1, ChatMessageV1, UserContentPartV1 } from '../../specification/chat/chat-prompt-v1.js';
import type { ChatRequestV1, ReasoningSettingsV1, ResponseFormatV1, ToolChoiceV1 } from '../../specification/chat/chat-request-v1.js';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import type { OpenAIChatMessage, OpenAIChatRequest, OpenAIContentPart } from './openai-chat-wire-types.js';
import { parseDataUrl } from './parse-data-url.js';

/** Fields with a typed canonical setting, or that only steer the surface itself. Everything else is `providerOptions.openai`. */
const mappedFields = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'response_format',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'reasoning_effort',
  'user',
  'metadata',
]);

const reasoningEfforts = new Set<NonNullable<ReasoningSettingsV1['effort']>>(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);

function present<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

function textOf(content: OpenAIChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

function userPart(part: OpenAIContentPart, path: string): UserContentPartV1 | undefined {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image_url': {
      const { url, detail } = part.image_url;
      const data = parseDataUrl(url);
      return {
        type: 'image',
        source: data === undefined ? { type: 'url', url } : { type: 'data', data: data.data },
        ...(data === undefined ? {} : { mediaType: data.mediaType }),
        ...(detail === undefined ? {} : { detail }),
      };
    }
    case 'input_audio':
      return { type: 'file', source: { type: 'data', data: part.input_audio.data }, mediaType: `audio/${part.input_audio.format}` };
    case 'file': {
      const { file_id: fileId, file_data: fileData, filename } = part.file;
      const named = filename === undefined ? {} : { filename };
      if (fileId !== undefined) return { type: 'file', source: { type: 'file-id', fileId }, ...named };
      if (fileData === undefined)
        throw new InvalidRequestError(`Invalid value for '${path}.file': give file_id or file_data.`, { param: `${path}.file` });
      const data = parseDataUrl(fileData);
      return {
        type: 'file',
        source: { type: 'data', data: data?.data ?? fileData },
        mediaType: data?.mediaType ?? 'application/pdf',
        ...named,
      };
    }
    default:
      return undefined;
  }
}

function assistantContent(message: OpenAIChatMessage): AssistantContentPartV1[] {
  const content: AssistantContentPartV1[] = [];
  if (Array.isArray(message.thinking_blocks) && message.thinking_blocks.length > 0) {
    for (const block of message.thinking_blocks) {
      const part: ReasoningPartV1 =
        block.type === 'redacted_thinking'
          ? { type: 'reasoning', text: '', redactedData: block.data }
          : { type: 'reasoning', text: block.thinking, ...(block.signature === undefined ? {} : { signature: block.signature }) };
      content.push(part);
    }
  } else if (typeof message.reasoning_content === 'string' && message.reasoning_content.length > 0) {
    content.push({ type: 'reasoning', text: message.reasoning_content });
  }
  const text = textOf(message.content);
  if (text.length > 0) content.push({ type: 'text', text });
  for (const call of message.tool_calls ?? []) {
    content.push({ type: 'tool-call', toolCallId: call.id, toolName: call.function.name, input: call.function.arguments });
  }
  return content;
}

function decodeMessages(messages: readonly OpenAIChatMessage[]): ChatMessageV1[] {
  const decoded: ChatMessageV1[] = [];
  const toolNames = new Map<string, string>();
  messages.forEach((message, index) => {
    const path = `messages.${index}`;
    switch (message.role) {
      case 'system':
      case 'developer':
        decoded.push({ role: 'system', content: [{ type: 'text', text: textOf(message.content) }] });
        return;
      case 'user': {
        const content: UserContentPartV1[] = [];
        if (typeof message.content === 'string') content.push({ type: 'text', text: message.content });
        else if (Array.isArray(message.content)) {
          message.content.forEach((part, position) => {
            const converted = userPart(part, `${path}.content.${position}`);
            if (converted !== undefined) content.push(converted);
          });
        }
        if (content.length === 0) content.push({ type: 'text', text: '' });
        decoded.push({ role: 'user', content });
        return;
      }
      case 'assistant': {
        for (const call of message.tool_calls ?? []) toolNames.set(call.id, call.function.name);
        decoded.push({ role: 'assistant', content: assistantContent(message) });
        return;
      }
      case 'tool':
      case 'function': {
        const toolCallId = message.role === 'tool' ? message.tool_call_id : message.name;
        if (toolCallId === undefined || toolCallId === '') {
          const field = message.role === 'tool' ? 'tool_call_id' : 'name';
          throw new InvalidRequestError(`Missing required parameter: '${path}.${field}'.`, { param: `${path}.${field}` });
        }
        const toolName = toolNames.get(toolCallId) ?? (message.role === 'function' ? message.name : undefined);
        const result: ToolResultPartV1 = {
          type: 'tool-result',
          toolCallId,
          ...(toolName === undefined ? {} : { toolName }),
          output: { type: 'text', value: textOf(message.content) },
        };
        // All results of one assistant turn go in one tool message.
        const previous = decoded.at(-1);
        if (previous?.role === 'tool') previous.content.push(result);
        else decoded.push({ role: 'tool', content: [result] });
        return;
      }
    }
  });
  return decoded;
}

function responseFormat(format: OpenAIChatRequest['response_format']): ResponseFormatV1 | undefined {
  if (!present(format)) return undefined;
  if (format.type === 'json_object') return { type: 'json' };
  if (format.type === 'json_schema') {
    const schema = (format.json_schema ?? {}) as { name?: unknown; description?: unknown; schema?: unknown; strict?: unknown };
    return {
      type: 'json-schema',
      schema: typeof schema.schema === 'object' && schema.schema !== null ? (schema.schema as Record<string, unknown>) : {},
      ...(typeof schema.name === 'string' ? { name: schema.name } : {}),
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      ...(typeof schema.strict === 'boolean' ? { strict: schema.strict } : {}),
    };
  }
  return { type: 'text' };
}

function toolChoice(choice: OpenAIChatRequest['tool_choice']): ToolChoiceV1 | undefined {
  if (!present(choice)) return undefined;
  if (typeof choice === 'string') return { type: choice };
  return { type: 'tool', toolName: choice.function.name };
}

/** The OpenAI-only fields of the request, kept for OpenAI-compatible providers and nobody else. */
function openAIOptions(request: OpenAIChatRequest): ProviderOptionsV1 | undefined {
  let options: Record<string, unknown> | undefined;
  for (const field in request) {
    if (mappedFields.has(field)) continue;
    const value = request[field];
    if (value === undefined) continue;
    options ??= {};
    options[field] = value;
  }
  return options === undefined ? undefined : { openai: options };
}

/** An OpenAI Chat Completions request (already validated against its wire schema) in the canonical model. */
export function decodeOpenAIChatRequest(request: OpenAIChatRequest): ChatRequestV1 {
  const decoded: ChatRequestV1 = { model: request.model, messages: decodeMessages(request.messages) };
  const maxOutputTokens = request.max_completion_tokens ?? request.max_tokens;
  if (present(maxOutputTokens)) decoded.maxOutputTokens = maxOutputTokens;
  if (present(request.temperature)) decoded.temperature = request.temperature;
  if (present(request.top_p)) decoded.topP = request.top_p;
  if (typeof request.top_k === 'number' && request.top_k > 0) decoded.topK = request.top_k;
  if (present(request.stop)) decoded.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (present(request.seed)) decoded.seed = request.seed;
  if (present(request.presence_penalty)) decoded.presencePenalty = request.presence_penalty;
  if (present(request.frequency_penalty)) decoded.frequencyPenalty = request.frequency_penalty;
  const format = responseFormat(request.response_format);
  if (format !== undefined) decoded.responseFormat = format;
  if (present(request.tools) && request.tools.length > 0) {
    decoded.tools = request.tools.map(({ function: tool }) => ({
      type: 'function',
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      inputSchema: tool.parameters ?? { type: 'object', properties: {} },
      ...(typeof tool.strict === 'boolean' ? { strict: tool.strict } : {}),
    }));
  }
  const choice = toolChoice(request.tool_choice);
  if (choice !== undefined) decoded.toolChoice = choice;
  if (present(request.parallel_tool_calls)) decoded.parallelToolCalls = request.parallel_tool_calls;
  const effort = request.reasoning_effort;
  if (typeof effort === 'string' && reasoningEfforts.has(effort as never)) {
    decoded.reasoning = { effort: effort as NonNullable<ReasoningSettingsV1['effort']> };
  }
  if (present(request.user)) decoded.user = request.user;
  if (present(request.metadata)) decoded.metadata = request.metadata;
  const providerOptions = openAIOptions(request);
  if (providerOptions !== undefined) decoded.providerOptions = providerOptions;
  return decoded;
}
