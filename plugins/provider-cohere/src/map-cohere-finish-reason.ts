import type { FinishReasonV1, UnifiedFinishReasonV1 } from '@modelgate/core';

const unified: Readonly<Record<string, UnifiedFinishReasonV1>> = {
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop',
  MAX_TOKENS: 'length',
  TOOL_CALL: 'tool-calls',
  ERROR: 'error',
  TIMEOUT: 'error',
};

/** Cohere's finish reasons that mean the generation failed: never reported as a normal finish. */
export function isCohereFailure(raw: string | undefined): boolean {
  return raw === 'ERROR' || raw === 'TIMEOUT';
}

/** Decided after looking at the content: an answer with a tool call finishes for `tool-calls`, whatever Cohere said. */
export function mapCohereFinishReason(raw: string | undefined, hasToolCalls: boolean): FinishReasonV1 {
  const reason: UnifiedFinishReasonV1 = hasToolCalls ? 'tool-calls' : ((raw === undefined ? undefined : unified[raw]) ?? 'other');
  return raw === undefined ? { unified: reason } : { unified: reason, raw };
}
