import type { ChatStreamEventV1, ToolCallDelta } from '@modelgate/core';

export interface CollectedStream {
  events: ChatStreamEventV1[];
  /** What the iteration threw, if it threw instead of ending (a conformant stream never throws). */
  thrown: unknown;
  /** True when the iteration threw. */
  didThrow: boolean;
}

export interface CollectOptions {
  /** Fails when the stream has not ended after this many milliseconds. Default 5000. */
  timeoutMs?: number;
  /** Called with each event as it arrives (for example to abort after the first chunk). */
  onEvent?: (event: ChatStreamEventV1, index: number) => void;
}

/** Reads a chat stream to its end, with a time limit so that a stream that never ends fails the test. */
export async function collectStreamEvents(
  events: AsyncIterable<ChatStreamEventV1>,
  options: CollectOptions = {},
): Promise<CollectedStream> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const collected: CollectedStream = { events: [], thrown: undefined, didThrow: false };
  const iterator = events[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next === 'timeout') {
        void iterator.return?.();
        throw new Error(`The stream did not end within ${timeoutMs} ms (${collected.events.length} events so far).`);
      }
      if (next.done) return collected;
      options.onEvent?.(next.value, collected.events.length);
      collected.events.push(next.value);
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('The stream did not end within')) throw error;
    collected.thrown = error;
    collected.didThrow = true;
    return collected;
  } finally {
    clearTimeout(timer);
  }
}

/** The text of all content deltas, joined. */
export function joinedContent(events: readonly ChatStreamEventV1[]): string {
  let content = '';
  for (const event of events) {
    if (event.type !== 'chunk') continue;
    for (const choice of event.chunk.choices) content += choice.delta.content ?? '';
  }
  return content;
}

/** Every tool-call delta of the first choice, in order. */
export function toolCallDeltas(events: readonly ChatStreamEventV1[]): ToolCallDelta[] {
  const deltas: ToolCallDelta[] = [];
  for (const event of events) {
    if (event.type !== 'chunk') continue;
    for (const choice of event.chunk.choices) if (choice.index === 0) deltas.push(...(choice.delta.tool_calls ?? []));
  }
  return deltas;
}

/** The finish reasons the chunks carried, in order. */
export function finishReasons(events: readonly ChatStreamEventV1[]): string[] {
  const reasons: string[] = [];
  for (const event of events) {
    if (event.type !== 'chunk') continue;
    for (const choice of event.chunk.choices) if (choice.finish_reason) reasons.push(choice.finish_reason);
  }
  return reasons;
}
