import type { ChatRequestV1, WarningV1 } from '@modelgate/core';
import { convertToOpenAICompatibleMessages } from './convert-to-openai-compatible-messages.js';
import type { OpenAICompatibleQuirks } from './openai-compatible-settings.js';

export interface ConvertChatBodyOptions {
  /** The provider instance name: `providerOptions.<name>` applies besides `providerOptions.openai`. */
  provider: string;
  quirks: OpenAICompatibleQuirks;
}

/**
 * A canonical request as an OpenAI Chat Completions body (before the host's quirks and the stream
 * settings are applied by `prepareOpenAICompatibleChatBody`). `providerOptions.openai` and
 * `providerOptions.<instance>` are merged in last, so they can set any wire field.
 */
export function convertToOpenAICompatibleChatBody(
  request: ChatRequestV1,
  options: ConvertChatBodyOptions,
  warnings: WarningV1[],
): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, messages: convertToOpenAICompatibleMessages(request.messages, warnings) };
  if (request.maxOutputTokens !== undefined) body[options.quirks.maxTokensField ?? 'max_tokens'] = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) body.top_k = request.topK;
  if (request.stopSequences !== undefined) body.stop = request.stopSequences;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  const format = request.responseFormat;
  if (format?.type === 'json') body.response_format = { type: 'json_object' };
  else if (format?.type === 'json-schema') {
    body.response_format = {
      type: 'json_schema',
      json_schema: {
        name: format.name ?? 'response',
        schema: format.schema,
        ...(format.description === undefined ? {} : { description: format.description }),
        ...(format.strict === undefined ? {} : { strict: format.strict }),
      },
    };
  } else if (format?.type === 'text') body.response_format = { type: 'text' };
  if (request.tools !== undefined) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.inputSchema,
        ...(tool.strict === undefined ? {} : { strict: tool.strict }),
      },
    }));
  }
  const choice = request.toolChoice;
  if (choice !== undefined)
    body.tool_choice = choice.type === 'tool' ? { type: 'function', function: { name: choice.toolName } } : choice.type;
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.reasoning?.effort !== undefined) body.reasoning_effort = request.reasoning.effort;
  else if (request.reasoning?.budgetTokens !== undefined) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'reasoning.budgetTokens',
      message: 'OpenAI-compatible hosts take a reasoning effort, not a token budget; the budget was dropped.',
    });
  }
  if (request.user !== undefined) body.user = request.user;
  if (request.metadata !== undefined) body.metadata = request.metadata;
  Object.assign(
    body,
    request.providerOptions?.openai,
    options.provider === 'openai' ? undefined : request.providerOptions?.[options.provider],
  );
  if (typeof body.n === 'number' && body.n > 1) {
    delete body.n;
    warnings.push({
      type: 'unsupported-setting',
      setting: 'providerOptions.openai.n',
      message: 'Several choices (n > 1) are served only on the native path; one choice was asked for.',
    });
  }
  return body;
}
