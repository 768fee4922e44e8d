import type { ChatRequestV1, WarningV1 } from '@modelgate/core';
import { convertToMistralMessages } from './convert-to-mistral-messages.js';
import type { MistralToolCallIds } from './mistral-tool-call-ids.js';

function unsupported(setting: string, message: string): WarningV1 {
  return { type: 'unsupported-setting', setting, message };
}

/**
 * A canonical request as a Mistral chat body: `max_tokens`, `random_seed` for the seed, `tool_choice`
 * `any` for a required tool (a named tool as Mistral's `{type: function, function: {name}}`),
 * `response_format` with JSON schemas, `parallel_tool_calls`, `reasoning_effort`. What Mistral has no
 * field for (`topK`, a reasoning token budget, `user`, `metadata`) is dropped with a warning, since
 * Mistral refuses unknown fields. `providerOptions.mistral` (`safe_prompt`, `prompt_mode`,
 * `prediction`, `n`…) is merged in last.
 */
export function convertToMistralChatBody(
  request: ChatRequestV1,
  modelId: string,
  ids: MistralToolCallIds,
  warnings: WarningV1[],
): Record<string, unknown> {
  const body: Record<string, unknown> = { model: modelId, messages: convertToMistralMessages(request.messages, ids, warnings) };
  if (request.maxOutputTokens !== undefined) body.max_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) warnings.push(unsupported('topK', 'Mistral has no top-k sampling; topK was dropped.'));
  if (request.stopSequences !== undefined) body.stop = request.stopSequences;
  if (request.seed !== undefined) body.random_seed = request.seed;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  const format = request.responseFormat;
  if (format?.type === 'json') body.response_format = { type: 'json_object' };
  else if (format?.type === 'text') body.response_format = { type: 'text' };
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
  }
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
  if (choice !== undefined) {
    body.tool_choice =
      choice.type === 'tool' ? { type: 'function', function: { name: choice.toolName } } : choice.type === 'required' ? 'any' : choice.type;
  }
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.reasoning?.effort !== undefined) body.reasoning_effort = request.reasoning.effort;
  else if (request.reasoning?.budgetTokens !== undefined) {
    warnings.push(unsupported('reasoning.budgetTokens', 'Mistral takes a reasoning effort, not a token budget; the budget was dropped.'));
  }
  if (request.user !== undefined) warnings.push(unsupported('user', 'Mistral has no end-user field; user was dropped.'));
  if (request.metadata !== undefined) warnings.push(unsupported('metadata', 'Mistral chat has no metadata field; metadata was dropped.'));
  Object.assign(body, request.providerOptions?.mistral);
  return body;
}
