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

/** The input a provider must report for a call's input: the text itself, or its JSON value serialised anew when the wire carries objects. */
export function expectedToolInput(input: string, limitations: ConformanceUpstreamLimitations | undefined): string {
  return limitations?.toolInputs === 'reserialized' ? JSON.stringify(JSON.parse(input)) : input;
}
