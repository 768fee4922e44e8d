import { randomBytes } from 'node:crypto';
import type { ConformanceToolCall, ConformanceUsage } from '../conformance/conformance-upstream.js';

/** One `GenerateContentResponse` as Google sends it (whole, or one stream chunk). */
export type GeminiWireResponse = Record<string, unknown>;

export interface GeminiAnswer {
  text?: string;
  calls?: ConformanceToolCall[];
  finishReason: 'STOP' | 'MAX_TOKENS';
  usage?: ConformanceUsage;
}

/** Words of every text in a request (the mock's token count: one per whitespace-separated word). */
export function countWords(value: unknown): number {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean).length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countWords(item), 0);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).reduce((sum, [key, item]) => sum + (key === 'text' || typeof item === 'object' ? countWords(item) : 0), 0);
  }
  return 0;
}

/** `usageMetadata` for canonical counts: the prompt count includes the cache read, the candidates count leaves thoughts out. */
export function usageMetadata(usage: ConformanceUsage): Record<string, unknown> {
  const thoughts = usage.reasoningTokens ?? 0;
  const candidates = usage.outputTokens - thoughts;
  return {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: usage.inputTokens + usage.outputTokens,
    ...(usage.cacheReadTokens === undefined ? {} : { cachedContentTokenCount: usage.cacheReadTokens }),
    ...(usage.reasoningTokens === undefined ? {} : { thoughtsTokenCount: thoughts }),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.inputTokens }],
  };
}

/** A response id in Google's style. */
export function responseId(): string {
  return randomBytes(16).toString('base64url');
}

/** A function call part: Gemini sends the arguments as an object, never as text. */
function callPart(call: ConformanceToolCall): Record<string, unknown> {
  return { functionCall: { name: call.name, args: JSON.parse(call.input) as unknown, ...(call.id === undefined ? {} : { id: call.id }) } };
}

function candidate(parts: unknown[], finishReason: string | undefined): Record<string, unknown> {
  return { content: { role: 'model', parts }, ...(finishReason === undefined ? {} : { finishReason }), index: 0 };
}

/** The whole answer for `generateContent`. */
export function geminiResponse(answer: GeminiAnswer, model: string, promptWords: number): GeminiWireResponse {
  const parts: unknown[] = [];
  if (answer.text !== undefined && answer.text !== '') parts.push({ text: answer.text });
  for (const call of answer.calls ?? []) parts.push(callPart(call));
  const usage = answer.usage ?? { inputTokens: promptWords, outputTokens: countWords(answer.text ?? '') + (answer.calls?.length ?? 0) };
  return {
    candidates: [candidate(parts, answer.finishReason)],
    usageMetadata: usageMetadata(usage),
    modelVersion: model,
    responseId: responseId(),
  };
}

/** Splits text into pieces of two words (with their spaces), as Gemini streams a few tokens per chunk. */
export function splitText(text: string): string[] {
  const words = text.match(/\S+\s*/g) ?? [text];
  const pieces: string[] = [];
  for (let index = 0; index < words.length; index += 2) pieces.push(words.slice(index, index + 2).join(''));
  return pieces.length === 0 ? [''] : pieces;
}

/**
 * The chunks of `streamGenerateContent`: the text in pieces, then the calls (each whole, in one
 * chunk), the last chunk with the finish reason; every chunk has `usageMetadata`, the last one final.
 */
export function geminiChunks(answer: GeminiAnswer, model: string, promptWords: number): GeminiWireResponse[] {
  const id = responseId();
  const usage = answer.usage ?? { inputTokens: promptWords, outputTokens: countWords(answer.text ?? '') + (answer.calls?.length ?? 0) };
  const pieces = answer.text === undefined || answer.text === '' ? [] : splitText(answer.text);
  const parts: unknown[][] = pieces.map((piece) => [{ text: piece }]);
  if (answer.calls !== undefined && answer.calls.length > 0) parts.push(answer.calls.map(callPart));
  if (parts.length === 0) parts.push([{ text: '' }]);
  return parts.map((chunkParts, index) => {
    const last = index === parts.length - 1;
    return {
      candidates: [candidate(chunkParts, last ? answer.finishReason : undefined)],
      usageMetadata: last ? usageMetadata(usage) : { promptTokenCount: usage.inputTokens, totalTokenCount: usage.inputTokens },
      modelVersion: model,
      responseId: id,
    };
  });
}
