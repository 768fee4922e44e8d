import { InvalidRequestError, type ChatRequestV1, type ModelMetadataV1, type WarningV1 } from '@modelgate/core';
import { convertToCohereMessages } from './convert-to-cohere-messages.js';

export interface ConvertChatBodyOptions {
  modelId: string;
  /** The provider instance name: `providerOptions[name]` is read besides `providerOptions.cohere`. */
  provider: string;
  /** What the plugin knows of the model (reasoning ability); `undefined` for an unknown model. */
  metadata: ModelMetadataV1 | undefined;
}

/** Cohere's documented ranges: `p` 0.01–0.99, `k` 0–500, both penalties 0–1, at most 5 stop sequences. */
const ranges = {
  topP: { wire: 'p', minimum: 0.01, maximum: 0.99 },
  topK: { wire: 'k', minimum: 0, maximum: 500 },
  frequencyPenalty: { wire: 'frequency_penalty', minimum: 0, maximum: 1 },
  presencePenalty: { wire: 'presence_penalty', minimum: 0, maximum: 1 },
} as const;
const maximumStopSequences = 5;

function clamp(setting: keyof typeof ranges, value: number, body: Record<string, unknown>, warnings: WarningV1[]): void {
  const range = ranges[setting];
  const clamped = Math.min(range.maximum, Math.max(range.minimum, value));
  if (clamped !== value) {
    warnings.push({
      type: 'clamped-setting',
      setting,
      message: `Cohere takes ${setting} from ${range.minimum} to ${range.maximum}; ${value} was sent as ${clamped}.`,
    });
  }
  body[range.wire] = clamped;
}

function thinkingOf(request: ChatRequestV1, options: ConvertChatBodyOptions, warnings: WarningV1[]): Record<string, unknown> | undefined {
  const reasoning = request.reasoning;
  if (reasoning === undefined) return undefined;
  if (options.metadata?.capabilities?.reasoning === false) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'reasoning',
      message: `${options.modelId} does not reason; the reasoning setting was dropped.`,
    });
    return undefined;
  }
  if (reasoning.effort === 'none' || reasoning.budgetTokens === 0) return { type: 'disabled' };
  if (reasoning.effort !== undefined && reasoning.budgetTokens === undefined) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'reasoning.effort',
      message: `Cohere has no reasoning levels, only on, off and a token budget; effort "${reasoning.effort}" was sent as thinking enabled without a budget.`,
    });
  }
  return { type: 'enabled', ...(reasoning.budgetTokens === undefined ? {} : { token_budget: reasoning.budgetTokens }) };
}

/**
 * A canonical request → the body of `POST /v2/chat` (without `stream`), and what could not be sent as asked.
 * `providerOptions.cohere` (and `providerOptions.<instance>`) go in as wire fields (`documents`,
 * `safety_mode`, `citation_options`, `strict_tools`, `thinking`…), under the typed settings.
 */
export function convertToCohereChatBody(
  request: ChatRequestV1,
  options: ConvertChatBodyOptions,
  warnings: WarningV1[],
): Record<string, unknown> {
  const { messages, documents } = convertToCohereMessages(request.messages, warnings);
  const body: Record<string, unknown> = {
    ...request.providerOptions?.cohere,
    ...(options.provider === 'cohere' ? {} : request.providerOptions?.[options.provider]),
    model: options.modelId,
    messages,
  };
  // Whether the answer streams is the call (generate or stream), never an option.
  delete body.stream;
  if (documents.length > 0) body.documents = [...((body.documents as unknown[] | undefined) ?? []), ...documents];
  if (request.maxOutputTokens !== undefined) body.max_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) clamp('topP', request.topP, body, warnings);
  if (request.topK !== undefined) clamp('topK', request.topK, body, warnings);
  if (request.frequencyPenalty !== undefined) clamp('frequencyPenalty', request.frequencyPenalty, body, warnings);
  if (request.presencePenalty !== undefined) clamp('presencePenalty', request.presencePenalty, body, warnings);
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) {
    if (request.stopSequences.length > maximumStopSequences) {
      warnings.push({
        type: 'clamped-setting',
        setting: 'stopSequences',
        message: `Cohere takes at most ${maximumStopSequences} stop sequences; the first ${maximumStopSequences} of ${request.stopSequences.length} were sent.`,
      });
    }
    body.stop_sequences = request.stopSequences.slice(0, maximumStopSequences);
  }

  const format = request.responseFormat;
  if (format?.type === 'json') body.response_format = { type: 'json_object' };
  if (format?.type === 'json-schema') body.response_format = { type: 'json_object', json_schema: format.schema };

  const thinking = thinkingOf(request, options, warnings);
  if (thinking !== undefined) body.thinking = thinking;

  let tools = request.tools ?? [];
  const choice = request.toolChoice;
  if (tools.length > 0) {
    // Cohere forces "some tool" only; forcing one tool is the same once it is the only one offered.
    if (choice?.type === 'tool') {
      tools = tools.filter((tool) => tool.name === choice.toolName);
      if (tools.length === 0) {
        throw new InvalidRequestError(`toolChoice names "${choice.toolName}", which is not among the tools.`, {
          param: 'toolChoice.toolName',
        });
      }
    }
    body.tools = tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.inputSchema,
      },
    }));
    if (tools.some((tool) => tool.strict === true)) body.strict_tools = true;
    if (choice?.type === 'none') body.tool_choice = 'NONE';
    if (choice?.type === 'required' || choice?.type === 'tool') body.tool_choice = 'REQUIRED';
  }
  if (request.parallelToolCalls === false) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'parallelToolCalls',
      message: 'Cohere cannot turn parallel tool calls off; parallelToolCalls: false was dropped.',
    });
  }
  // `user` (abuse monitoring) and `metadata` (stored completions) change nothing in the answer, and Cohere has neither.
  return body;
}
