import {
  UnsupportedError,
  type ChatRequestV1,
  type FilePartV1,
  type ImagePartV1,
  type ToolResultPartV1,
  type WarningV1,
} from '@modelgate/core';

/** One piece of a prompt turn on the example wire. */
export type ExamplePart =
  | { text: string }
  | { media: { type: string; url: string } | { type: string; data: string } }
  | { thinking: string; signature?: string }
  | { redacted: string }
  | { call: { id: string; name: string; input: string } }
  | { result: { id: string; output: string; error?: true } };

export interface ExampleTurn {
  role: 'user' | 'assistant' | 'tool';
  parts: ExamplePart[];
}

function media(part: ImagePartV1 | FilePartV1, warnings: WarningV1[]): ExamplePart {
  const type = part.mediaType ?? 'application/octet-stream';
  if (part.type === 'image' && part.detail !== undefined) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'messages.content.detail',
      message: 'The example wire format has no image detail; it was dropped.',
    });
  }
  if (part.source.type === 'url') return { media: { type, url: part.source.url } };
  if (part.source.type === 'data') return { media: { type, data: part.source.data } };
  throw new UnsupportedError('The example provider cannot take files by id.', { param: 'messages.content.source' });
}

function result(part: ToolResultPartV1): ExamplePart {
  const { output } = part;
  if (output.type === 'content' && output.value.some((item) => item.type !== 'text')) {
    throw new UnsupportedError('The example provider takes text-only tool results.', { param: 'messages.content.output' });
  }
  const text =
    output.type === 'text'
      ? output.value
      : output.type === 'json'
        ? JSON.stringify(output.value)
        : output.value.map((item) => (item.type === 'text' ? item.text : '')).join('');
  return { result: { id: part.toolCallId, output: text, ...(part.isError ? { error: true as const } : {}) } };
}

const unsupportedSettings = ['presencePenalty', 'frequencyPenalty', 'parallelToolCalls', 'reasoning', 'user', 'metadata'] as const;
const toolChoices = { auto: 'auto', none: 'none', required: 'any' } as const;

/**
 * A canonical request as the example wire's `POST /v1/generate` body. Settings the wire has no field
 * for are dropped with a warning; content it cannot carry is an `UnsupportedError`.
 * `providerOptions.example` is merged into the body under the typed fields (which win); other
 * providers' options are ignored.
 */
export function convertToExampleRequest(request: ChatRequestV1, model: string): { body: Record<string, unknown>; warnings: WarningV1[] } {
  const system: string[] = [];
  const prompt: ExampleTurn[] = [];
  const warnings: WarningV1[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') system.push(message.content.map((part) => part.text).join(''));
    else if (message.role === 'tool') prompt.push({ role: 'tool', parts: message.content.map(result) });
    else {
      const parts = message.content.map((part): ExamplePart => {
        if (part.type === 'text') return { text: part.text };
        if (part.type === 'reasoning') {
          if (part.redactedData !== undefined) return { redacted: part.redactedData };
          return { thinking: part.text, ...(part.signature === undefined ? {} : { signature: part.signature }) };
        }
        if (part.type === 'tool-call') return { call: { id: part.toolCallId, name: part.toolName, input: part.input } };
        return media(part, warnings);
      });
      prompt.push({ role: message.role, parts });
    }
  }
  for (const setting of unsupportedSettings) {
    if (request[setting] === undefined) continue;
    warnings.push({ type: 'unsupported-setting', setting, message: `The example wire format has no ${setting}; it was dropped.` });
  }
  const { responseFormat: format, toolChoice } = request;
  const body: Record<string, unknown> = {
    ...request.providerOptions?.['example'],
    model,
    ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
    prompt,
    max_tokens: request.maxOutputTokens,
    temperature: request.temperature,
    top_p: request.topP,
    top_k: request.topK,
    stop: request.stopSequences,
    seed: request.seed,
    tools: request.tools?.map((tool) => ({ name: tool.name, description: tool.description, schema: tool.inputSchema })),
    tool_choice:
      toolChoice === undefined ? undefined : toolChoice.type === 'tool' ? { name: toolChoice.toolName } : toolChoices[toolChoice.type],
    format:
      format === undefined || format.type === 'text'
        ? undefined
        : format.type === 'json'
          ? 'json'
          : { schema: format.schema, name: format.name },
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return { body, warnings };
}
