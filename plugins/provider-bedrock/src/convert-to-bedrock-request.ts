import type { ChatRequestV1, FunctionToolV1, WarningV1 } from '@modelgate/core';
import type { FetchMediaOptions } from '@modelgate/plugin-kit';
import { bedrockModelFamily, supportsForcedToolChoice } from './bedrock-model-family.js';
import type { BedrockConverseRequest, BedrockToolSpec } from './bedrock-wire-types.js';
import { cachePoint, convertToBedrockMessages } from './convert-to-bedrock-messages.js';

export interface ConvertRequestOptions {
  modelId: string;
  fetch: FetchMediaOptions;
  signal?: AbortSignal | undefined;
}

/** Thinking budgets for Claude when the request names only an effort level. */
const budgetOfEffort = { minimal: 1024, low: 2048, medium: 8192, high: 16384, xhigh: 32768 } as const;
/** Claude's smallest thinking budget. */
const minimumBudget = 1024;
/** Output allowed beside the thinking budget when the request sets no maximum (Converse needs maxTokens above the budget). */
const defaultAnswerTokens = 4096;

/** The families whose models Bedrock documents with a temperature from 0 to 1 (OpenAI's range is 0 to 2). */
const temperatureAtMostOne: ReadonlySet<string> = new Set(['anthropic', 'nova', 'titan', 'mistral', 'meta', 'cohere']);

function dropped(warnings: WarningV1[], setting: string, why: string): void {
  warnings.push({ type: 'unsupported-setting', setting, message: `${why}; it was dropped.` });
}

/** A placeholder spec for a tool the history used but the request does not offer (Converse needs `toolConfig` then). */
function historyToolSpec(name: string): BedrockToolSpec {
  return {
    toolSpec: {
      name,
      description: 'A tool used earlier in this conversation.',
      inputSchema: { json: { type: 'object' } },
    },
  };
}

/**
 * A canonical request as a Converse (or ConverseStream) body for `modelId`. Settings Converse cannot carry
 * for this model are dropped with a warning; `providerOptions.bedrock` is merged into the body last
 * (`additionalModelRequestFields` merged key by key), so an operator can reach any Converse field.
 */
export async function convertToBedrockRequest(
  request: ChatRequestV1,
  options: ConvertRequestOptions,
): Promise<{ body: BedrockConverseRequest; warnings: WarningV1[] }> {
  const { modelId } = options;
  const family = bedrockModelFamily(modelId);
  const warnings: WarningV1[] = [];
  const converted = await convertToBedrockMessages(request.messages, { fetch: options.fetch, warnings, signal: options.signal });
  const body: BedrockConverseRequest = { messages: converted.messages };
  if (converted.system.length > 0) body.system = converted.system;

  const additional: Record<string, unknown> = {};
  const inference: NonNullable<BedrockConverseRequest['inferenceConfig']> = {};
  let { temperature, topP, topK } = request;

  const thinking = family === 'anthropic' ? thinkingOf(request, warnings) : undefined;
  if (request.reasoning !== undefined && family !== 'anthropic') {
    dropped(warnings, 'reasoning', `Reasoning settings are sent to Bedrock only for Claude models, not ${modelId}`);
  }
  if (thinking !== undefined) {
    additional.thinking = { type: 'enabled', budget_tokens: thinking };
    // Claude with thinking takes no sampling changes: Bedrock would reject the request.
    if (temperature !== undefined) dropped(warnings, 'temperature', 'Claude takes no temperature while thinking');
    if (topP !== undefined) dropped(warnings, 'topP', 'Claude takes no topP while thinking');
    if (topK !== undefined) dropped(warnings, 'topK', 'Claude takes no topK while thinking');
    temperature = topP = topK = undefined;
    inference.maxTokens = (request.maxOutputTokens ?? defaultAnswerTokens) + thinking;
  } else if (request.maxOutputTokens !== undefined) inference.maxTokens = request.maxOutputTokens;
  if (temperature !== undefined && temperature > 1 && temperatureAtMostOne.has(family)) {
    warnings.push({
      type: 'clamped-setting',
      setting: 'temperature',
      message: `Bedrock takes a temperature of at most 1 for ${modelId}: ${temperature} was clamped to 1.`,
    });
    temperature = 1;
  }
  if (temperature !== undefined) inference.temperature = temperature;
  if (topP !== undefined) inference.topP = topP;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) inference.stopSequences = request.stopSequences;
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;

  if (topK !== undefined) {
    if (family === 'anthropic' || family === 'mistral') additional.top_k = topK;
    else if (family === 'nova') additional.inferenceConfig = { topK };
    else dropped(warnings, 'topK', `Bedrock takes topK only for Claude, Nova and Mistral models, not ${modelId}`);
  }

  for (const setting of ['seed', 'presencePenalty', 'frequencyPenalty', 'user'] as const) {
    if (request[setting] !== undefined) dropped(warnings, setting, `Converse has no ${setting}`);
  }
  if (request.parallelToolCalls === false) dropped(warnings, 'parallelToolCalls', 'Converse cannot turn parallel tool calls off');
  if (request.metadata !== undefined && Object.keys(request.metadata).length > 0) body.requestMetadata = request.metadata;

  toolConfigOf(request, converted, body, warnings, modelId);
  outputConfigOf(request, body, warnings);

  if (Object.keys(additional).length > 0) body.additionalModelRequestFields = additional;
  const extra = request.providerOptions?.['bedrock'];
  if (extra !== undefined) {
    const { additionalModelRequestFields: extraFields, ...rest } = extra as Record<string, unknown>;
    Object.assign(body, rest);
    if (typeof extraFields === 'object' && extraFields !== null) {
      body.additionalModelRequestFields = { ...body.additionalModelRequestFields, ...(extraFields as Record<string, unknown>) };
    }
  }
  return { body, warnings };
}

function thinkingOf(request: ChatRequestV1, warnings: WarningV1[]): number | undefined {
  const { reasoning } = request;
  if (reasoning === undefined || reasoning.effort === 'none') return undefined;
  const budget = reasoning.budgetTokens ?? (reasoning.effort === undefined ? undefined : budgetOfEffort[reasoning.effort]);
  if (budget === undefined || budget === 0) return undefined;
  if (budget < minimumBudget) {
    warnings.push({
      type: 'clamped-setting',
      setting: 'reasoning.budgetTokens',
      message: `Claude thinks with at least ${minimumBudget} tokens; the budget of ${budget} was raised to ${minimumBudget}.`,
    });
    return minimumBudget;
  }
  return budget;
}

function toolConfigOf(
  request: ChatRequestV1,
  converted: { historyToolNames: string[]; hasToolBlocks: boolean },
  body: BedrockConverseRequest,
  warnings: WarningV1[],
  modelId: string,
): void {
  const choice = request.toolChoice;
  const offered = choice?.type === 'none' ? [] : (request.tools ?? []);
  const tools: NonNullable<BedrockConverseRequest['toolConfig']>['tools'] = [];
  const specOf = (tool: FunctionToolV1): BedrockToolSpec => ({
    toolSpec: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      inputSchema: { json: tool.inputSchema },
      ...(tool.strict === undefined ? {} : { strict: tool.strict }),
    },
  });
  for (const tool of offered) {
    tools.push(specOf(tool));
    if (tool.cacheControl) tools.push(cachePoint(tool.cacheControl));
  }
  if (offered.length === 0 && converted.hasToolBlocks) {
    // "The toolConfig field must be defined when using toolUse and toolResult content blocks": the tools of the history go along,
    // with their own definitions when the request has them.
    const names = converted.historyToolNames.length > 0 ? converted.historyToolNames : ['tool'];
    for (const name of names) {
      const defined = request.tools?.find((tool) => tool.name === name);
      tools.push(defined === undefined ? historyToolSpec(name) : specOf(defined));
    }
    if (choice?.type === 'none') {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'toolChoice',
        message: 'Converse has no tool choice "none", and must see the tools of a history with tool calls; the model may still call them.',
      });
    }
  }
  if (tools.length === 0) return;
  body.toolConfig = { tools };
  if (choice === undefined || choice.type === 'none' || offered.length === 0) return;
  if (choice.type === 'auto') body.toolConfig.toolChoice = { auto: {} };
  else if (!supportsForcedToolChoice(modelId)) {
    dropped(warnings, 'toolChoice', `Bedrock forces a tool only for Claude, Nova and Mistral Large models, not ${modelId}`);
  } else if (choice.type === 'required') body.toolConfig.toolChoice = { any: {} };
  else body.toolConfig.toolChoice = { tool: { name: choice.toolName } };
}

/** JSON Schema output through Converse's documented `outputConfig.textFormat` (see docs/decisions); plain JSON mode has no equivalent. */
function outputConfigOf(request: ChatRequestV1, body: BedrockConverseRequest, warnings: WarningV1[]): void {
  const format = request.responseFormat;
  if (format === undefined || format.type === 'text') return;
  if (format.type === 'json') {
    dropped(warnings, 'responseFormat', 'Converse has no JSON mode without a schema (give a JSON Schema instead)');
    return;
  }
  body.outputConfig = {
    textFormat: {
      type: 'json_schema',
      structure: {
        jsonSchema: {
          schema: JSON.stringify(format.schema),
          name: format.name ?? 'response',
          ...(format.description === undefined ? {} : { description: format.description }),
        },
      },
    },
  };
  if (format.strict === false) {
    warnings.push({ type: 'other', setting: 'responseFormat.strict', message: 'Bedrock always enforces the schema it is given.' });
  }
}
