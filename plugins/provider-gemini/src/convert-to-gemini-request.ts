import type { ChatRequestV1, WarningV1 } from '@modelgate/core';
import type { GeminiMediaFetcher } from './convert-gemini-media.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { googleOptionsOf } from './gemini-provider-options.js';
import { geminiThinkingConfig } from './gemini-thinking-config.js';
import type { GeminiGenerationConfig, GeminiRequest } from './gemini-wire.js';
import { isEmptyObjectSchema, sanitizeGeminiSchema } from './sanitize-gemini-schema.js';

export interface ConvertRequestOptions {
  provider: string;
  modelId: string;
  fetchMedia: GeminiMediaFetcher;
  /** Where `file-id` sources point (the Files API of the configured base URL). */
  filesBaseURL: string;
  /** Vertex AI takes `metadata` as `labels`; the Gemini API has no such field. */
  metadataAsLabels?: boolean;
}

/** Gemini accepts at most five stop sequences. */
const maximumStopSequences = 5;

function unsupported(setting: string, message: string): WarningV1 {
  return { type: 'unsupported-setting', setting, message };
}

function toolConfigOf(request: ChatRequestV1): GeminiRequest['toolConfig'] {
  const choice = request.toolChoice;
  if (choice === undefined || request.tools === undefined || request.tools.length === 0) return undefined;
  switch (choice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'tool':
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.toolName] } };
  }
}

/**
 * A canonical chat request as a Gemini `generateContent` body (the same body streams). What Gemini
 * cannot take is dropped with a warning: `user`, `parallelToolCalls: false` (Gemini has no switch),
 * a tool's `strict`, `metadata` (Vertex AI takes it as `labels`), stop sequences past the fifth.
 * `providerOptions.google` adds Gemini's own fields (`safetySettings`, `cachedContent`, built-in
 * `tools` such as `googleSearch`, and `generationConfig`/`thinkingConfig` entries merged in).
 */
export async function convertToGeminiRequest(
  request: ChatRequestV1,
  options: ConvertRequestOptions,
  warnings: WarningV1[],
): Promise<GeminiRequest> {
  const { contents, systemInstruction } = await convertToGeminiContents(request.messages, options, warnings);
  const google = googleOptionsOf(request.providerOptions, options.provider);
  const { generationConfig: extraGeneration, thinkingConfig: extraThinking, tools: extraTools, ...extra } = google;

  const generation: GeminiGenerationConfig = {};
  if (request.maxOutputTokens !== undefined) generation.maxOutputTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) generation.temperature = request.temperature;
  if (request.topP !== undefined) generation.topP = request.topP;
  if (request.topK !== undefined) generation.topK = request.topK;
  if (request.seed !== undefined) generation.seed = request.seed;
  if (request.presencePenalty !== undefined) generation.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) generation.frequencyPenalty = request.frequencyPenalty;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) {
    generation.stopSequences = request.stopSequences.slice(0, maximumStopSequences);
    if (request.stopSequences.length > maximumStopSequences) {
      warnings.push({
        type: 'clamped-setting',
        setting: 'stopSequences',
        message: `Gemini takes at most ${maximumStopSequences} stop sequences; the first ${maximumStopSequences} are sent.`,
      });
    }
  }
  const format = request.responseFormat;
  if (format?.type === 'json') generation.responseMimeType = 'application/json';
  if (format?.type === 'json-schema') {
    generation.responseMimeType = 'application/json';
    const schema = sanitizeGeminiSchema(format.schema);
    if (schema !== undefined) {
      if (schema.description === undefined && format.description !== undefined) schema.description = format.description;
      generation.responseSchema = schema;
    }
  }
  const extraThinkingConfig = extraThinking as GeminiGenerationConfig['thinkingConfig'] | undefined;
  // A dynamic budget (-1) given in Google's own terms stands alone: the effort core derived from it is for other backends.
  const dynamic = (extraThinkingConfig as { thinkingBudget?: unknown } | undefined)?.thinkingBudget === -1;
  const thinking = dynamic ? undefined : geminiThinkingConfig(request.reasoning, options.modelId, warnings);
  if (thinking !== undefined || extraThinkingConfig !== undefined) {
    generation.thinkingConfig = { ...thinking, ...extraThinkingConfig };
  }
  Object.assign(generation, extraGeneration);

  const tools: NonNullable<GeminiRequest['tools']> = [];
  if (request.tools !== undefined && request.tools.length > 0) {
    tools.push({
      functionDeclarations: request.tools.map((tool, index) => {
        if (tool.strict === true) {
          warnings.push(unsupported(`tools[${index}].strict`, 'Gemini has no strict mode for function declarations; strict was dropped.'));
        }
        const parameters = sanitizeGeminiSchema(tool.inputSchema);
        return {
          name: tool.name,
          ...(tool.description === undefined ? {} : { description: tool.description }),
          ...(isEmptyObjectSchema(parameters) ? {} : { parameters }),
        };
      }),
    });
  }
  if (Array.isArray(extraTools)) tools.push(...(extraTools as Array<Record<string, unknown>>));

  if (request.parallelToolCalls === false) {
    warnings.push(unsupported('parallelToolCalls', 'Gemini cannot be told to make one call at a time; parallelToolCalls was dropped.'));
  }
  if (request.user !== undefined) warnings.push(unsupported('user', 'Gemini takes no end-user id; user was dropped.'));
  let labels: Record<string, string> | undefined;
  if (request.metadata !== undefined) {
    if (options.metadataAsLabels) labels = request.metadata;
    else warnings.push(unsupported('metadata', 'The Gemini API takes no request metadata; metadata was dropped.'));
  }

  const toolConfig = toolConfigOf(request);
  return {
    ...extra,
    contents,
    ...(systemInstruction === undefined ? {} : { systemInstruction }),
    ...(tools.length === 0 ? {} : { tools }),
    ...(toolConfig === undefined ? {} : { toolConfig }),
    ...(Object.keys(generation).length === 0 ? {} : { generationConfig: generation }),
    ...(labels === undefined ? {} : { labels: { ...labels, ...(extra.labels as Record<string, string> | undefined) } }),
  };
}
