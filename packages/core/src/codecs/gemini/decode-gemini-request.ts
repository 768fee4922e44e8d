import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import { UnsupportedError } from '../../errors/unsupported-error.js';
import type { ProviderOptionsV1, TextPartV1, ToolResultPartV1 } from '../../specification/chat/chat-content-v1.js';
import type {
  AssistantContentPartV1,
  AssistantMessageV1,
  ChatMessageV1,
  UserContentPartV1,
} from '../../specification/chat/chat-prompt-v1.js';
import type { ChatRequestV1, FunctionToolV1, ReasoningSettingsV1 } from '../../specification/chat/chat-request-v1.js';
import type { GeminiContent, GeminiGenerateContentRequest, GeminiPart, GeminiTool, GeminiToolConfig } from './gemini-request-schemas.js';
import { joinSignedThoughts } from './join-signed-thoughts.js';

/** Gemini's request fields with a typed canonical setting. The rest (safetySettings, cachedContent…) is `providerOptions.google`. */
const mappedFields = new Set(['model', 'contents', 'systemInstruction', 'generationConfig', 'tools', 'toolConfig']);
const mappedGenerationFields = new Set([
  'temperature',
  'topP',
  'topK',
  'maxOutputTokens',
  'stopSequences',
  'candidateCount',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'thinkingConfig',
]);

/** Google's OpenAPI-style schema (`type: "OBJECT"`) as JSON Schema: type names in lower case, everything else as is. */
export function jsonSchemaOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (typeof schema !== 'object' || schema === null) return schema;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type' && typeof value === 'string') result.type = value.toLowerCase();
    else if (key === 'properties' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      result.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, jsonSchemaOf(property)]));
    } else if (key === 'nullable' && value === true) result.nullable = true;
    else result[key] = typeof value === 'object' ? jsonSchemaOf(value) : value;
  }
  return result;
}

function signatureOptions(part: GeminiPart): { providerOptions?: ProviderOptionsV1 } {
  return part.thoughtSignature === undefined ? {} : { providerOptions: { google: { thoughtSignature: part.thoughtSignature } } };
}

/** A Gemini function call has no id of its own in most answers: one made from its place, the same on every replay. */
export function functionCallId(contentIndex: number, partIndex: number): string {
  return `call_${contentIndex}_${partIndex}`;
}

interface PendingCall {
  id: string;
  name: string;
  answered: boolean;
}

function mediaPart(part: GeminiPart): UserContentPartV1 {
  if (part.inlineData !== undefined) {
    const { mimeType, data } = part.inlineData;
    return { type: mimeType.startsWith('image/') ? 'image' : 'file', source: { type: 'data', data }, mediaType: mimeType };
  }
  const { mimeType, fileUri } = part.fileData!;
  const type = mimeType?.startsWith('image/') === true ? 'image' : 'file';
  return { type, source: { type: 'url', url: fileUri }, ...(mimeType === undefined ? {} : { mediaType: mimeType }) };
}

/** The call a `functionResponse` answers: by id when it names one, else the earliest unanswered call of that name. */
function pairResponse(response: NonNullable<GeminiPart['functionResponse']>, calls: PendingCall[], path: string): string {
  const call =
    response.id === undefined
      ? calls.find((candidate) => !candidate.answered && candidate.name === response.name)
      : calls.find((candidate) => candidate.id === response.id);
  if (call === undefined) {
    if (response.id !== undefined) return response.id;
    throw new InvalidRequestError(`${path}.functionResponse: no earlier functionCall named \`${response.name}\` is left to answer.`, {
      param: `${path}.functionResponse.name`,
    });
  }
  call.answered = true;
  return call.id;
}

function decodeUserContent(content: GeminiContent, path: string, calls: PendingCall[], out: ChatMessageV1[]): void {
  let current: ChatMessageV1 | undefined;
  content.parts.forEach((part, index) => {
    const partPath = `${path}.parts[${index}]`;
    if (part.functionResponse !== undefined) {
      const result: ToolResultPartV1 = {
        type: 'tool-result',
        toolCallId: pairResponse(part.functionResponse, calls, partPath),
        toolName: part.functionResponse.name,
        output: { type: 'json', value: part.functionResponse.response ?? {} },
      };
      if (current?.role === 'tool') current.content.push(result);
      else out.push((current = { role: 'tool', content: [result] }));
      return;
    }
    if (part.functionCall !== undefined) {
      throw new InvalidRequestError(`${partPath}.functionCall: a function call belongs to a \`model\` turn.`, {
        param: `${partPath}.functionCall`,
      });
    }
    const decoded: UserContentPartV1 = part.text !== undefined ? { type: 'text', text: part.text } : mediaPart(part);
    if (current?.role === 'user') current.content.push(decoded);
    else out.push((current = { role: 'user', content: [decoded] }));
  });
  if (content.parts.length === 0) out.push({ role: 'user', content: [{ type: 'text', text: '' }] });
}

function decodeModelContent(content: GeminiContent, contentIndex: number, path: string, calls: PendingCall[]): AssistantMessageV1 {
  const parts = content.parts.map((part, index): AssistantContentPartV1 => {
    const partPath = `${path}.parts[${index}]`;
    if (part.functionCall !== undefined) {
      const id = part.functionCall.id ?? functionCallId(contentIndex, index);
      calls.push({ id, name: part.functionCall.name, answered: false });
      return {
        type: 'tool-call',
        toolCallId: id,
        toolName: part.functionCall.name,
        input: JSON.stringify(part.functionCall.args ?? {}),
        ...signatureOptions(part),
      };
    }
    if (part.text !== undefined) {
      if (part.thought === true) {
        // The client cannot say whose signature it holds: it goes where each provider reads it
        // (an Anthropic-style `signature`, and the Google providers' `providerOptions.google`).
        return {
          type: 'reasoning',
          text: part.text,
          ...(part.thoughtSignature === undefined ? {} : { signature: part.thoughtSignature }),
          ...signatureOptions(part),
        };
      }
      return { type: 'text', text: part.text, ...signatureOptions(part) };
    }
    throw new InvalidRequestError(`${partPath}: a \`model\` turn holds text, thoughts and function calls only.`, { param: partPath });
  });
  return { role: 'assistant', content: parts };
}

function decodeSystem(system: GeminiGenerateContentRequest['systemInstruction']): ChatMessageV1 | undefined {
  if (system === undefined) return undefined;
  if (typeof system === 'string') return system === '' ? undefined : { role: 'system', content: [{ type: 'text', text: system }] };
  const texts: TextPartV1[] = system.parts.map((part, index) => {
    if (part.text === undefined) {
      throw new InvalidRequestError(`systemInstruction.parts[${index}]: a system instruction holds text only.`, {
        param: `systemInstruction.parts[${index}]`,
      });
    }
    return { type: 'text', text: part.text };
  });
  return texts.length === 0 ? undefined : { role: 'system', content: texts };
}

/** The conversation: a `functionResponse` becomes a tool message answering its call, the rest user and assistant turns. */
export function decodeGeminiContents(request: Pick<GeminiGenerateContentRequest, 'contents' | 'systemInstruction'>): ChatMessageV1[] {
  const messages: ChatMessageV1[] = [];
  const system = decodeSystem(request.systemInstruction);
  if (system !== undefined) messages.push(system);
  const calls: PendingCall[] = [];
  request.contents.forEach((content, index) => {
    const path = `contents[${index}]`;
    if (content.role !== 'model') return decodeUserContent(content, path, calls, messages);
    const decoded = decodeModelContent(content, index, path, calls);
    const last = messages.at(-1);
    // A streamed answer comes back as one model content per chunk: together they are one turn.
    if (last?.role === 'assistant') last.content.push(...decoded.content);
    else messages.push(decoded);
  });
  for (const message of messages) if (message.role === 'assistant') message.content = joinSignedThoughts(message.content);
  return messages;
}

function decodeTools(tools: GeminiTool[]): FunctionToolV1[] {
  const decoded: FunctionToolV1[] = [];
  tools.forEach((tool, index) => {
    const others = Object.keys(tool).filter((key) => key !== 'functionDeclarations' && tool[key] !== undefined);
    if (others.length > 0) {
      throw new UnsupportedError(`tools[${index}].${others[0]}: Google's built-in tools run only at Google; declare functions instead.`, {
        param: `tools[${index}].${others[0]}`,
        code: 'unsupported_tool',
      });
    }
    for (const declaration of tool.functionDeclarations ?? []) {
      const schema =
        declaration.parametersJsonSchema ?? (declaration.parameters === undefined ? undefined : jsonSchemaOf(declaration.parameters));
      decoded.push({
        type: 'function',
        name: declaration.name,
        ...(declaration.description === undefined ? {} : { description: declaration.description }),
        inputSchema: (schema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
      });
    }
  });
  return decoded;
}

/** `toolConfig.functionCallingConfig` as a tool choice; allowed names narrow the tools offered. */
function applyToolConfig(config: GeminiToolConfig, decoded: ChatRequestV1): void {
  const calling = config.functionCallingConfig;
  if (calling === undefined) return;
  const allowed = calling.allowedFunctionNames;
  if (allowed !== undefined && allowed.length > 0) {
    const unknown = allowed.find((name) => !(decoded.tools ?? []).some((tool) => tool.name === name));
    if (unknown !== undefined) {
      throw new InvalidRequestError(`toolConfig.functionCallingConfig.allowedFunctionNames: \`${unknown}\` is not a declared function.`, {
        param: 'toolConfig.functionCallingConfig.allowedFunctionNames',
      });
    }
    decoded.tools = decoded.tools!.filter((tool) => allowed.includes(tool.name));
  }
  switch (calling.mode) {
    case 'ANY':
      decoded.toolChoice = allowed?.length === 1 ? { type: 'tool', toolName: allowed[0]! } : { type: 'required' };
      return;
    case 'NONE':
      decoded.toolChoice = { type: 'none' };
      return;
    case 'AUTO':
    case 'VALIDATED':
      decoded.toolChoice = { type: 'auto' };
      return;
    default:
      return;
  }
}

const thinkingLevels = { MINIMAL: 'minimal', LOW: 'low', MEDIUM: 'medium', HIGH: 'high' } as const;

function applyGenerationConfig(request: GeminiGenerateContentRequest, decoded: ChatRequestV1, google: Record<string, unknown>): void {
  const config = request.generationConfig;
  if (config === undefined) return;
  if (config.temperature !== undefined) decoded.temperature = config.temperature;
  if (config.topP !== undefined) decoded.topP = config.topP;
  if (config.topK !== undefined) decoded.topK = config.topK;
  if (config.maxOutputTokens !== undefined) decoded.maxOutputTokens = config.maxOutputTokens;
  if (config.stopSequences !== undefined && config.stopSequences.length > 0) decoded.stopSequences = config.stopSequences;
  if (config.seed !== undefined) decoded.seed = config.seed;
  if (config.presencePenalty !== undefined) decoded.presencePenalty = config.presencePenalty;
  if (config.frequencyPenalty !== undefined) decoded.frequencyPenalty = config.frequencyPenalty;
  const schema = config.responseJsonSchema ?? (config.responseSchema === undefined ? undefined : jsonSchemaOf(config.responseSchema));
  if (schema !== undefined) {
    if (config.responseMimeType !== 'application/json') {
      throw new InvalidRequestError('generationConfig.responseMimeType: a response schema needs responseMimeType "application/json".', {
        param: 'generationConfig.responseMimeType',
      });
    }
    decoded.responseFormat = { type: 'json-schema', schema: schema as Record<string, unknown> };
  } else if (config.responseMimeType === 'application/json') decoded.responseFormat = { type: 'json' };
  else if (config.responseMimeType !== undefined && config.responseMimeType !== 'text/plain') {
    throw new InvalidRequestError(
      `generationConfig.responseMimeType: \`${config.responseMimeType}\` is not served (text/plain or application/json).`,
      {
        param: 'generationConfig.responseMimeType',
      },
    );
  }
  const thinking = config.thinkingConfig;
  if (thinking !== undefined) {
    const reasoning: ReasoningSettingsV1 = {};
    if (thinking.thinkingBudget === 0) reasoning.effort = 'none';
    else if (thinking.thinkingBudget !== undefined && thinking.thinkingBudget > 0) reasoning.budgetTokens = thinking.thinkingBudget;
    // -1 is Gemini's dynamic budget, the model's own choice: a medium effort for backends that need one to think at all.
    else if (thinking.thinkingBudget === -1) reasoning.effort = 'medium';
    if (thinking.thinkingLevel !== undefined && thinking.thinkingLevel !== 'THINKING_LEVEL_UNSPECIFIED') {
      reasoning.effort = thinkingLevels[thinking.thinkingLevel];
    }
    if (Object.keys(reasoning).length > 0) decoded.reasoning = reasoning;
    // What has no canonical setting goes to Google providers as their own `thinkingConfig`, which they
    // merge into the one they make: whether thoughts come back, and a dynamic budget (-1).
    const googleThinking: Record<string, unknown> = {};
    if (thinking.includeThoughts !== undefined) googleThinking.includeThoughts = thinking.includeThoughts;
    if (thinking.thinkingBudget !== undefined && thinking.thinkingBudget < 0) googleThinking.thinkingBudget = thinking.thinkingBudget;
    if (Object.keys(googleThinking).length > 0) google.thinkingConfig = googleThinking;
  }
  const rest: Record<string, unknown> = {};
  for (const field in config) if (!mappedGenerationFields.has(field) && config[field] !== undefined) rest[field] = config[field];
  if (Object.keys(rest).length > 0) google.generationConfig = rest;
}

/** A validated `generateContent` body in the canonical model. */
export function decodeGeminiRequest(request: GeminiGenerateContentRequest): ChatRequestV1 {
  const decoded: ChatRequestV1 = { model: request.model, messages: decodeGeminiContents(request) };
  const google: Record<string, unknown> = {};
  if (request.tools !== undefined) {
    const tools = decodeTools(request.tools);
    if (tools.length > 0) decoded.tools = tools;
  }
  if (request.toolConfig !== undefined) applyToolConfig(request.toolConfig, decoded);
  applyGenerationConfig(request, decoded, google);
  for (const field in request) if (!mappedFields.has(field) && request[field] !== undefined) google[field] = request[field];
  if (Object.keys(google).length > 0) decoded.providerOptions = { google };
  return decoded;
}
