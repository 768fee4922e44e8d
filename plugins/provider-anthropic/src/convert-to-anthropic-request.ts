import type { ChatRequestV1, ModelMetadataV1, ReasoningSettingsV1, WarningV1 } from '@modelgate/core';
import { convertToAnthropicMessages, type AnthropicBlock } from './convert-to-anthropic-messages.js';

/** The `anthropic-version` under which sampling settings are refused (temperature, top_p and top_k answer 400). */
export const samplingFreeVersion = '2026-10-21';
/** `max_tokens` when the client sent none and the model is unknown. */
export const fallbackMaxTokens = 4096;
/** The name of the tool that carries JSON Schema output on models without structured outputs. */
export const jsonToolName = 'json_response';
/** Anthropic's smallest thinking budget. */
const minimumBudget = 1024;
const effortBudgets: Record<NonNullable<ReasoningSettingsV1['effort']>, number> = {
  none: 0,
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16_384,
  xhigh: 32_768,
};
const jsonInstruction = 'Answer with one valid JSON object and nothing else: no prose, no code fences.';

export interface ConvertToAnthropicRequestOptions {
  modelId: string;
  /** The provider instance name: `providerOptions.<name>` is read besides `providerOptions.anthropic`. */
  provider: string;
  anthropicVersion: string;
  /** The `default_max_tokens` setting. */
  defaultMaxTokens?: number;
  metadata: ModelMetadataV1 | undefined;
}

export interface AnthropicRequest {
  body: Record<string, unknown>;
  /** Set when JSON Schema output rides on a forced tool: its call is the answer's text. */
  jsonTool: boolean;
}

function dropped(warnings: WarningV1[], setting: string, why: string): void {
  warnings.push({ type: 'unsupported-setting', setting, message: `Anthropic ${why}: ${setting} was dropped.` });
}

/** The thinking budget the request asks for; 0 for none. */
function requestedBudget(reasoning: ReasoningSettingsV1 | undefined): number {
  if (reasoning === undefined || reasoning.effort === 'none') return 0;
  if (reasoning.budgetTokens !== undefined) return reasoning.budgetTokens;
  return reasoning.effort === undefined ? 0 : effortBudgets[reasoning.effort];
}

/**
 * A canonical request → the body of `POST /v1/messages` (without `stream`), and the warnings for what
 * Anthropic cannot take. `max_tokens` counts thinking too (the canonical limit covers all output), so a
 * budget that does not fit under it is lowered; temperature is clamped to [0, 1]; JSON Schema output uses
 * `output_config.format` where the model has structured outputs, else a forced tool; `json` without a
 * schema is an instruction in the system prompt (a forced tool without a schema makes models answer `{}`).
 */
export function convertToAnthropicRequest(
  request: ChatRequestV1,
  options: ConvertToAnthropicRequestOptions,
  warnings: WarningV1[],
): AnthropicRequest {
  const { system, messages } = convertToAnthropicMessages(request.messages, warnings);
  const body: Record<string, unknown> = { model: options.modelId };
  const maxTokens = request.maxOutputTokens ?? options.defaultMaxTokens ?? options.metadata?.maxOutputTokens ?? fallbackMaxTokens;
  body.max_tokens = maxTokens;
  const structuredOutputs = options.metadata?.capabilities?.jsonSchema !== false;
  let jsonTool = false;

  if (request.responseFormat?.type === 'json') system.push({ type: 'text', text: jsonInstruction });
  if (system.length > 0) body.system = system;
  body.messages = messages;

  // Thinking.
  let budget = requestedBudget(request.reasoning);
  if (budget > 0 && options.metadata?.capabilities?.reasoning === false) {
    dropped(warnings, 'reasoning', `model ${options.modelId} has no extended thinking`);
    budget = 0;
  }
  if (budget > 0 && budget < minimumBudget) {
    warnings.push({
      type: 'clamped-setting',
      setting: 'reasoning.budgetTokens',
      message: `Anthropic's smallest thinking budget is ${minimumBudget} tokens: ${budget} was raised to it.`,
    });
    budget = minimumBudget;
  }
  if (budget >= maxTokens) {
    const fitted = maxTokens - 1;
    if (fitted < minimumBudget) {
      dropped(warnings, 'reasoning', `needs max_tokens above the thinking budget (at least ${minimumBudget + 1})`);
      budget = 0;
    } else {
      warnings.push({
        type: 'clamped-setting',
        setting: 'reasoning.budgetTokens',
        message: `Anthropic's thinking budget must be below max_tokens (${maxTokens}): ${budget} was lowered to ${fitted}.`,
      });
      budget = fitted;
    }
  }
  const thinking = budget > 0;
  if (thinking) body.thinking = { type: 'enabled', budget_tokens: budget };

  // Sampling.
  const samplingRefused = options.anthropicVersion === samplingFreeVersion;
  if (request.temperature !== undefined) {
    if (samplingRefused) dropped(warnings, 'temperature', `API version ${samplingFreeVersion} refuses sampling settings`);
    else if (thinking) dropped(warnings, 'temperature', 'does not take a temperature with extended thinking');
    else if (request.temperature > 1) {
      warnings.push({
        type: 'clamped-setting',
        setting: 'temperature',
        message: `Anthropic's temperature is at most 1: ${request.temperature} was clamped to 1.`,
      });
      body.temperature = 1;
    } else body.temperature = request.temperature;
  }
  if (request.topP !== undefined) {
    if (samplingRefused) dropped(warnings, 'topP', `API version ${samplingFreeVersion} refuses sampling settings`);
    else if (body.temperature !== undefined) dropped(warnings, 'topP', 'models take temperature or top_p, not both');
    else if (thinking && request.topP < 0.95) dropped(warnings, 'topP', 'takes top_p of 0.95 or more only with extended thinking');
    else body.top_p = request.topP;
  }
  if (request.topK !== undefined) {
    if (samplingRefused) dropped(warnings, 'topK', `API version ${samplingFreeVersion} refuses sampling settings`);
    else if (thinking) dropped(warnings, 'topK', 'does not take top_k with extended thinking');
    else body.top_k = request.topK;
  }
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) body.stop_sequences = request.stopSequences;
  if (request.seed !== undefined) dropped(warnings, 'seed', 'has no seed');
  if (request.presencePenalty !== undefined) dropped(warnings, 'presencePenalty', 'has no presence penalty');
  if (request.frequencyPenalty !== undefined) dropped(warnings, 'frequencyPenalty', 'has no frequency penalty');
  if (request.metadata !== undefined) dropped(warnings, 'metadata', 'takes no request metadata besides the user id');
  if (request.user !== undefined) body.metadata = { user_id: request.user };

  // Tools.
  const tools: AnthropicBlock[] = (request.tools ?? []).map((tool, index) => {
    let strict: { strict?: boolean } = {};
    if (tool.strict === true) {
      if (structuredOutputs) strict = { strict: true };
      else dropped(warnings, `tools[${index}].strict`, `model ${options.modelId} has no strict tool use`);
    }
    return {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: tool.inputSchema,
      ...strict,
      ...(tool.cacheControl === undefined
        ? {}
        : {
            cache_control: tool.cacheControl.ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: tool.cacheControl.ttl },
          }),
    };
  });
  let toolChoice: Record<string, unknown> | undefined;
  if (tools.length > 0) {
    switch (request.toolChoice?.type) {
      case 'auto':
        toolChoice = { type: 'auto' };
        break;
      case 'none':
        // The tools stay: the history may hold tool blocks, which Anthropic checks against them (known bug #7).
        toolChoice = { type: 'none' };
        break;
      case 'required':
        toolChoice = { type: 'any' };
        break;
      case 'tool':
        toolChoice = { type: 'tool', name: request.toolChoice.toolName };
        break;
      case undefined:
        break;
    }
    if (request.parallelToolCalls === false && toolChoice?.type !== 'none') {
      // Only the flag was asked for: `auto` keeps the meaning, `any` would force a call (known bug #7).
      toolChoice = { ...(toolChoice ?? { type: 'auto' }), disable_parallel_tool_use: true };
    }
  }

  // JSON Schema output.
  if (request.responseFormat?.type === 'json-schema') {
    if (structuredOutputs) {
      body.output_config = { format: { type: 'json_schema', schema: request.responseFormat.schema } };
    } else {
      jsonTool = true;
      if (tools.length > 0) {
        dropped(
          warnings,
          'toolChoice',
          `model ${options.modelId} has no structured outputs, so JSON Schema output forces its own tool and the request's tools cannot be called`,
        );
      }
      tools.push({
        name: jsonToolName,
        description: request.responseFormat.description ?? 'Give the answer as this tool call: its input is the JSON answer.',
        input_schema: request.responseFormat.schema,
      });
      toolChoice = { type: 'tool', name: jsonToolName };
    }
  }
  if (tools.length > 0) body.tools = tools;
  if (toolChoice !== undefined) body.tool_choice = toolChoice;

  // Provider options last: what the client asked for under `anthropic` wins.
  Object.assign(body, request.providerOptions?.anthropic);
  if (options.provider !== 'anthropic') Object.assign(body, request.providerOptions?.[options.provider]);
  body.model = options.modelId;
  return { body, jsonTool };
}
