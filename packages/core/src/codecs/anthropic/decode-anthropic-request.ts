import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import { UnsupportedError } from '../../errors/unsupported-error.js';
import type { CacheControlV1, ProviderOptionsV1, TextPartV1, ToolResultPartV1 } from '../../specification/chat/chat-content-v1.js';
import type { AssistantContentPartV1, ChatMessageV1, UserContentPartV1 } from '../../specification/chat/chat-prompt-v1.js';
import type { ChatRequestV1, FunctionToolV1, ReasoningSettingsV1, ToolChoiceV1 } from '../../specification/chat/chat-request-v1.js';
import type {
  AnthropicCountTokensRequest,
  AnthropicDocumentBlockParam,
  AnthropicImageBlockParam,
  AnthropicMessagesRequest,
  AnthropicRequestContentBlock,
  AnthropicRequestMessage,
  AnthropicTextBlockParam,
  AnthropicToolChoice,
  AnthropicToolParam,
} from './anthropic-request-schemas.js';

/** Fields with a typed canonical setting, or that only steer the surface. Everything else is `providerOptions.anthropic`. */
const mappedFields = new Set([
  'model',
  'messages',
  'system',
  'max_tokens',
  'stop_sequences',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'thinking',
  'metadata',
  'stream',
  'output_config',
]);

type CacheControlField = { cache_control?: { type: 'ephemeral'; ttl?: '5m' | '1h' | undefined } | null | undefined };

function cacheControlOf(block: CacheControlField): { cacheControl?: CacheControlV1 } {
  const control = block.cache_control;
  if (control === undefined || control === null) return {};
  return { cacheControl: control.ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: control.ttl } };
}

function textPart(block: AnthropicTextBlockParam): TextPartV1 {
  return { type: 'text', text: block.text, ...cacheControlOf(block) };
}

function imagePart(block: AnthropicImageBlockParam): UserContentPartV1 {
  const { source } = block;
  const cache = cacheControlOf(block);
  if (source.type === 'base64')
    return { type: 'image', source: { type: 'data', data: source.data }, mediaType: source.media_type, ...cache };
  if (source.type === 'url') return { type: 'image', source: { type: 'url', url: source.url }, ...cache };
  return { type: 'image', source: { type: 'file-id', fileId: source.file_id }, ...cache };
}

function documentPart(block: AnthropicDocumentBlockParam): UserContentPartV1 {
  const { source } = block;
  const named = typeof block.title === 'string' ? { filename: block.title } : {};
  const cache = cacheControlOf(block);
  switch (source.type) {
    case 'base64':
      return { type: 'file', source: { type: 'data', data: source.data }, mediaType: source.media_type, ...named, ...cache };
    case 'url':
      return { type: 'file', source: { type: 'url', url: source.url }, mediaType: 'application/pdf', ...named, ...cache };
    case 'text':
      // Canonical inline data is base64, whatever the media type.
      return {
        type: 'file',
        source: { type: 'data', data: Buffer.from(source.data, 'utf8').toString('base64') },
        mediaType: 'text/plain',
        ...named,
        ...cache,
      };
    case 'file':
      return { type: 'file', source: { type: 'file-id', fileId: source.file_id }, ...named, ...cache };
  }
}

function misplaced(block: AnthropicRequestContentBlock, role: string, path: string): InvalidRequestError {
  return new InvalidRequestError(`${path}.type: a \`${block.type}\` block cannot appear in a \`${role}\` message.`, {
    param: `${path}.type`,
  });
}

function toolResultPart(
  block: Extract<AnthropicRequestContentBlock, { type: 'tool_result' }>,
  toolNames: ReadonlyMap<string, string>,
): ToolResultPartV1 {
  const content = block.content;
  let output: ToolResultPartV1['output'];
  if (content === undefined) output = { type: 'text', value: '' };
  else if (typeof content === 'string') output = { type: 'text', value: content };
  else if (content.length === 1 && content[0]!.type === 'text' && content[0]!.cache_control == null) {
    output = { type: 'text', value: content[0]!.text };
  } else {
    output = {
      type: 'content',
      value: content.map((item) => {
        if (item.type === 'text') return textPart(item);
        return item.type === 'image' ? imagePart(item) : documentPart(item);
      }) as Extract<ToolResultPartV1['output'], { type: 'content' }>['value'],
    };
  }
  const toolName = toolNames.get(block.tool_use_id);
  return {
    type: 'tool-result',
    toolCallId: block.tool_use_id,
    ...(toolName === undefined ? {} : { toolName }),
    output,
    ...(block.is_error === undefined ? {} : { isError: block.is_error }),
    ...cacheControlOf(block),
  };
}

/** A user turn: its tool results become tool messages and the rest user messages, in their order. */
function decodeUserMessage(
  message: AnthropicRequestMessage,
  path: string,
  toolNames: ReadonlyMap<string, string>,
  out: ChatMessageV1[],
): void {
  if (typeof message.content === 'string') {
    out.push({ role: 'user', content: [{ type: 'text', text: message.content }] });
    return;
  }
  let current: ChatMessageV1 | undefined;
  message.content.forEach((block, index) => {
    const blockPath = `${path}.content[${index}]`;
    if (block.type === 'tool_result') {
      const part = toolResultPart(block, toolNames);
      if (current?.role === 'tool') current.content.push(part);
      else out.push((current = { role: 'tool', content: [part] }));
      return;
    }
    let part: UserContentPartV1;
    if (block.type === 'text') part = textPart(block);
    else if (block.type === 'image') part = imagePart(block);
    else if (block.type === 'document') part = documentPart(block);
    else throw misplaced(block, 'user', blockPath);
    if (current?.role === 'user') current.content.push(part);
    else out.push((current = { role: 'user', content: [part] }));
  });
  if (message.content.length === 0) out.push({ role: 'user', content: [{ type: 'text', text: '' }] });
}

function decodeAssistantMessage(message: AnthropicRequestMessage, path: string, toolNames: Map<string, string>): ChatMessageV1 {
  if (typeof message.content === 'string') {
    return { role: 'assistant', content: message.content.length === 0 ? [] : [{ type: 'text', text: message.content }] };
  }
  const content: AssistantContentPartV1[] = message.content.map((block, index): AssistantContentPartV1 => {
    switch (block.type) {
      case 'text':
        return textPart(block);
      case 'thinking':
        return { type: 'reasoning', text: block.thinking, signature: block.signature };
      case 'redacted_thinking':
        return { type: 'reasoning', text: '', redactedData: block.data };
      case 'tool_use': {
        toolNames.set(block.id, block.name);
        const cache = cacheControlOf(block).cacheControl;
        return {
          type: 'tool-call',
          toolCallId: block.id,
          toolName: block.name,
          input: JSON.stringify(block.input),
          // The canonical tool call has no cache breakpoint of its own: Anthropic's provider reads it here.
          ...(cache === undefined ? {} : { providerOptions: { anthropic: { cacheControl: cache } } }),
        };
      }
      default:
        throw misplaced(block, 'assistant', `${path}.content[${index}]`);
    }
  });
  return { role: 'assistant', content };
}

function decodeMessages(request: AnthropicCountTokensRequest): ChatMessageV1[] {
  const decoded: ChatMessageV1[] = [];
  const { system } = request;
  if (typeof system === 'string') {
    if (system.length > 0) decoded.push({ role: 'system', content: [{ type: 'text', text: system }] });
  } else if (system !== undefined && system.length > 0) {
    decoded.push({ role: 'system', content: system.map(textPart) });
  }
  const toolNames = new Map<string, string>();
  request.messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    if (message.role === 'user') decodeUserMessage(message, path, toolNames, decoded);
    else decoded.push(decodeAssistantMessage(message, path, toolNames));
  });
  return decoded;
}

function decodeTool(tool: AnthropicToolParam, index: number): FunctionToolV1 {
  if (tool.type !== undefined && tool.type !== 'custom') {
    throw new UnsupportedError(
      `tools[${index}]: the server tool \`${tool.type}\` runs only on Anthropic; this model is not served by a deployment that forwards Anthropic Messages natively.`,
      { param: `tools[${index}].type`, code: 'unsupported_server_tool' },
    );
  }
  return {
    type: 'function',
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    inputSchema: tool.input_schema as Record<string, unknown>,
    ...(typeof tool.strict === 'boolean' ? { strict: tool.strict } : {}),
    ...cacheControlOf(tool),
  };
}

function decodeToolChoice(choice: AnthropicToolChoice): ToolChoiceV1 {
  switch (choice.type) {
    case 'auto':
      return { type: 'auto' };
    case 'any':
      return { type: 'required' };
    case 'none':
      return { type: 'none' };
    case 'tool':
      return { type: 'tool', toolName: choice.name };
  }
}

const efforts = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);

/** The Anthropic-only fields of the request, under their wire names, for Anthropic's provider and nobody else. */
function anthropicOptions(request: AnthropicCountTokensRequest, extra: Record<string, unknown>): ProviderOptionsV1 | undefined {
  const options: Record<string, unknown> = { ...extra };
  for (const field in request) {
    if (mappedFields.has(field)) continue;
    const value = request[field];
    if (value !== undefined) options[field] = value;
  }
  return Object.keys(options).length === 0 ? undefined : { anthropic: options };
}

/**
 * An Anthropic Messages request (already validated against its wire schema) in the canonical model.
 * `count_tokens` bodies decode the same way, without an output limit. Throws `UnsupportedError` for a
 * server tool: only a native Anthropic deployment can run one.
 */
export function decodeAnthropicRequest(request: AnthropicMessagesRequest | AnthropicCountTokensRequest): ChatRequestV1 {
  const decoded: ChatRequestV1 = { model: request.model, messages: decodeMessages(request) };
  const extra: Record<string, unknown> = {};
  if ('max_tokens' in request) {
    const full = request as AnthropicMessagesRequest;
    decoded.maxOutputTokens = full.max_tokens;
    if (full.temperature !== undefined) decoded.temperature = full.temperature;
    if (full.top_p !== undefined) decoded.topP = full.top_p;
    if (full.top_k !== undefined && full.top_k > 0) decoded.topK = full.top_k;
    if (full.stop_sequences !== undefined && full.stop_sequences.length > 0) decoded.stopSequences = full.stop_sequences;
    const userId = full.metadata?.user_id;
    if (typeof userId === 'string') decoded.user = userId;
  }
  if (request.tools !== undefined && request.tools.length > 0) decoded.tools = request.tools.map(decodeTool);
  if (request.tool_choice !== undefined) {
    decoded.toolChoice = decodeToolChoice(request.tool_choice);
    if ('disable_parallel_tool_use' in request.tool_choice && request.tool_choice.disable_parallel_tool_use === true) {
      decoded.parallelToolCalls = false;
    }
  }
  const reasoning: ReasoningSettingsV1 = {};
  const thinking = request.thinking;
  if (thinking?.type === 'enabled') reasoning.budgetTokens = thinking.budget_tokens;
  // `disabled` is Anthropic's default and asks for nothing (an explicit `effort: none` would fail on models that do not reason).
  // Adaptive thinking has no canonical form: the model picks its budget.
  else if (thinking?.type === 'adaptive') extra.thinking = thinking;
  const outputConfig = request.output_config;
  if (typeof outputConfig === 'object' && outputConfig !== null) {
    const { format, effort, ...others } = outputConfig as { format?: unknown; effort?: unknown };
    const rest: Record<string, unknown> = others;
    if (typeof effort === 'string' && efforts.has(effort)) reasoning.effort = effort as NonNullable<ReasoningSettingsV1['effort']>;
    else if (effort !== undefined) rest.effort = effort;
    const schema = (format as { type?: unknown; schema?: unknown } | undefined)?.schema;
    if ((format as { type?: unknown } | undefined)?.type === 'json_schema' && typeof schema === 'object' && schema !== null) {
      decoded.responseFormat = { type: 'json-schema', schema: schema as Record<string, unknown> };
    } else if (format !== undefined) rest.format = format;
    if (Object.keys(rest).length > 0) extra.output_config = rest;
  }
  if (Object.keys(reasoning).length > 0) decoded.reasoning = reasoning;
  const providerOptions = anthropicOptions(request, extra);
  if (providerOptions !== undefined) decoded.providerOptions = providerOptions;
  return decoded;
}
