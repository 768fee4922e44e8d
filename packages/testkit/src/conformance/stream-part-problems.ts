import type { ChatStreamPartV1 } from '@modelgate/core';

type BlockKind = 'text' | 'reasoning' | 'tool-input';

const blockOf: Partial<Record<ChatStreamPartV1['type'], { kind: BlockKind; step: 'start' | 'delta' | 'end' }>> = {
  'text-start': { kind: 'text', step: 'start' },
  'text-delta': { kind: 'text', step: 'delta' },
  'text-end': { kind: 'text', step: 'end' },
  'reasoning-start': { kind: 'reasoning', step: 'start' },
  'reasoning-delta': { kind: 'reasoning', step: 'delta' },
  'reasoning-signature': { kind: 'reasoning', step: 'delta' },
  'reasoning-end': { kind: 'reasoning', step: 'end' },
  'tool-input-start': { kind: 'tool-input', step: 'start' },
  'tool-input-delta': { kind: 'tool-input', step: 'delta' },
  'tool-input-end': { kind: 'tool-input', step: 'end' },
};

/**
 * What a stream does against the rules of `ChatStreamPartV1`, one sentence per breach (empty when it
 * keeps them): every block delta and end follows its block's start and precedes its end; block ids
 * are not reused; every block is ended before the stream's end; a `tool-call` follows the end of its
 * input block when it had one, and comes once per id; the stream ends with exactly one `finish` or
 * `error` and nothing after it. A stream with no terminal part at all is reported too.
 */
export function streamPartProblems(parts: readonly ChatStreamPartV1[]): string[] {
  const problems: string[] = [];
  const open = new Map<string, BlockKind>();
  const seen = new Set<string>();
  const toolCalls = new Set<string>();
  let terminal: { type: string; index: number } | undefined;
  parts.forEach((part, index) => {
    const where = `part ${index} (${part.type})`;
    if (terminal !== undefined) {
      problems.push(`${where} comes after the ${terminal.type} at part ${terminal.index}.`);
      return;
    }
    const block = blockOf[part.type];
    if (block !== undefined && 'id' in part) {
      const key = `${block.kind}:${part.id}`;
      if (block.step === 'start') {
        if (seen.has(key)) problems.push(`${where} reuses the ${block.kind} block id "${part.id}".`);
        seen.add(key);
        open.set(key, block.kind);
      } else if (!open.has(key)) {
        problems.push(`${where} has no open ${block.kind} block "${part.id}" (started: ${seen.has(key)}).`);
      } else if (block.step === 'end') {
        open.delete(key);
      }
    }
    if (part.type === 'tool-call') {
      const key = `tool-input:${part.toolCallId}`;
      if (open.has(key)) problems.push(`${where} "${part.toolCallId}" comes before its tool-input-end.`);
      if (toolCalls.has(part.toolCallId)) problems.push(`${where} repeats the tool call id "${part.toolCallId}".`);
      toolCalls.add(part.toolCallId);
    }
    if (part.type === 'finish' || part.type === 'error') {
      if (part.type === 'finish') for (const key of open.keys()) problems.push(`${where} comes while block ${key} is still open.`);
      terminal = { type: part.type, index };
    }
  });
  for (const key of seen) {
    if (key.startsWith('tool-input:') && !toolCalls.has(key.slice('tool-input:'.length)) && terminal?.type === 'finish') {
      problems.push(`The tool input block ${key} has no complete tool-call part.`);
    }
  }
  if (terminal === undefined) problems.push(`The stream has no finish or error part (${parts.length} parts).`);
  return problems;
}
