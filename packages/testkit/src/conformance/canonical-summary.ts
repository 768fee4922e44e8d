import type { ChatResponseV1, UsageV1 } from '@modelgate/core';
import type { ConformanceUpstreamLimitations, ConformanceUsage } from './conformance-upstream.js';

/** Response content as comparable tuples (`['text', text]`, `['tool-call', name, input]`), ignoring ids and provider fields. */
export function summarizeContent(content: ChatResponseV1['content']): Array<[string, ...string[]]> {
  return content.map((part) => {
    switch (part.type) {
      case 'text':
        return ['text', part.text];
      case 'reasoning':
        return ['reasoning', part.text];
      case 'tool-call':
        return ['tool-call', part.toolName, part.input];
      case 'file':
        return ['file', part.mediaType ?? ''];
    }
  });
}

/** The usage a provider must report for a scenario's usage: the same counts, `totalTokens` their sum, minus what the wire cannot carry. */
export function expectedUsage(usage: ConformanceUsage, limitations: ConformanceUpstreamLimitations | undefined): Partial<UsageV1> {
  const expected: Partial<UsageV1> = { ...usage, totalTokens: usage.inputTokens + usage.outputTokens };
  for (const detail of limitations?.usageDetails ?? []) delete expected[detail];
  return expected;
}

/** The fields of `actual` that `expected` names, so that counts a wire cannot carry are not compared. */
export function pickUsage(actual: UsageV1 | undefined, expected: Partial<UsageV1>): Partial<UsageV1> | undefined {
  if (actual === undefined) return undefined;
  const picked: Partial<UsageV1> = {};
  for (const key of Object.keys(expected) as Array<keyof UsageV1>) picked[key] = actual[key];
  return picked;
}

/**
 * A tool call's input as the suite compares it: the text itself, or, where the wire carries arguments as
 * an object (`toolInputs`), its JSON value serialised anew, so that only spacing may differ. Applied to
 * both the expected and the reported input.
 */
export function comparableToolInput(
  input: string,
  limitations: ConformanceUpstreamLimitations | undefined,
  where: 'answer' | 'stream',
): string {
  const mode = limitations?.toolInputs ?? 'exact';
  const asValue = mode === 'reserialized' || (mode === 'reserialized-in-answers' && where === 'answer');
  if (!asValue) return input;
  try {
    return JSON.stringify(JSON.parse(input));
  } catch {
    return input;
  }
}
