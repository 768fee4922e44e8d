import type { ChatStreamPartV1, ToolCallPartV1 } from '@modelgate/core';

export interface CollectedStream {
  parts: ChatStreamPartV1[];
  /** What the iteration threw, if it threw instead of ending (a conformant stream never throws). */
  thrown: unknown;
  /** True when the iteration threw. */
  didThrow: boolean;
}

export interface CollectOptions {
  /** Fails when the stream has not ended after this many milliseconds. Default 5000. */
  timeoutMs?: number;
  /** Called with each part as it arrives (for example to abort after the first delta). */
  onPart?: (part: ChatStreamPartV1, index: number) => void;
}

const timeoutMessage = 'The stream did not end within';

/** Reads a chat stream to its end, with a time limit so that a stream that never ends fails the test. */
export async function collectStreamParts(parts: AsyncIterable<ChatStreamPartV1>, options: CollectOptions = {}): Promise<CollectedStream> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const collected: CollectedStream = { parts: [], thrown: undefined, didThrow: false };
  const iterator = parts[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next === 'timeout') {
        void iterator.return?.();
        throw new Error(`${timeoutMessage} ${timeoutMs} ms (${collected.parts.length} parts so far).`);
      }
      if (next.done) return collected;
      options.onPart?.(next.value, collected.parts.length);
      collected.parts.push(next.value);
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(timeoutMessage)) throw error;
    collected.thrown = error;
    collected.didThrow = true;
    return collected;
  } finally {
    clearTimeout(timer);
  }
}

/** The text of all `text-delta` parts, joined in order. */
export function streamedText(parts: readonly ChatStreamPartV1[]): string {
  let text = '';
  for (const part of parts) if (part.type === 'text-delta') text += part.delta;
  return text;
}

/** The complete `tool-call` parts of a stream, in order, as response content parts. */
export function streamedToolCalls(parts: readonly ChatStreamPartV1[]): ToolCallPartV1[] {
  const calls: ToolCallPartV1[] = [];
  for (const part of parts) {
    if (part.type === 'tool-call')
      calls.push({ type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input });
  }
  return calls;
}

/** The parts of one type, narrowed. */
export function partsOfType<T extends ChatStreamPartV1['type']>(
  parts: readonly ChatStreamPartV1[],
  type: T,
): Extract<ChatStreamPartV1, { type: T }>[] {
  return parts.filter((part): part is Extract<ChatStreamPartV1, { type: T }> => part.type === type);
}
