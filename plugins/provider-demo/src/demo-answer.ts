import type { UsageV1 } from '@modelgate/core';

export interface DemoToolCall {
  id: string;
  name: string;
  /** The JSON text of the arguments. */
  input: string;
}

/** What the demo model answers, before it is delivered whole (`generate`) or word by word (`stream`). */
export interface DemoAnswer {
  /** Text before any tool calls; empty for a bare tool call. */
  text: string;
  toolCalls: readonly DemoToolCall[];
  finishReason: 'stop' | 'length' | 'tool-calls';
  usage: UsageV1;
}
