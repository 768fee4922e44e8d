import { randomUUID } from 'node:crypto';
import type { OpenAIToolCallDelta as ToolCallDelta } from '@modelgate/core';

interface ToolCallState {
  /** The upstream's `index`, when it sends one. */
  upstreamIndex: number | undefined;
  id: string | undefined;
  name: string | undefined;
  /** Arguments received before the first delta could go out. */
  buffered: string;
  /** Our index, set when the first delta goes out. */
  index: number | undefined;
}

/** A raw tool-call delta as hosts send it: any field may be missing. */
interface UpstreamToolCallDelta {
  index?: unknown;
  id?: unknown;
  function?: { name?: unknown; arguments?: unknown } | null;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A tool call id for hosts that send none (Gemini's compatibility layer, some local servers). */
export function generateToolCallId(): string {
  return `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

/**
 * Rebuilds well-formed tool-call deltas for ONE choice of a stream. Our `index` is a counter
 * (0, 1, 2 … in the order calls start), never the upstream's. The first delta of every call carries
 * `id`, `type` and `function.name`; later ones only argument fragments. It copes with hosts that send
 * no `index` (Gemini), repeat `id` on every delta, send the name after the id, reuse one index for
 * several calls, or send a whole call in one delta; nothing goes out before the id and name are
 * known (calls without an id get a generated one once the upstream has moved on).
 */
export class ToolCallDeltaNormalizer {
  private readonly calls: ToolCallState[] = [];
  private last: ToolCallState | undefined;
  private nextIndex = 0;

  /** Whether any tool call went out on this choice. */
  get hasToolCalls(): boolean {
    return this.nextIndex > 0;
  }

  /** Takes the upstream deltas of one chunk; returns what can go out now (maybe nothing). */
  push(deltas: readonly unknown[]): ToolCallDelta[] {
    const out: ToolCallDelta[] = [];
    for (const raw of deltas) {
      if (typeof raw !== 'object' || raw === null) continue;
      const delta = raw as UpstreamToolCallDelta;
      const id = nonEmpty(delta.id);
      const name = nonEmpty(delta.function?.name);
      const fragment = typeof delta.function?.arguments === 'string' ? delta.function.arguments : '';
      const state = this.find(delta, id, name, out);
      state.id ??= id;
      state.name ??= name;
      if (state.index !== undefined) {
        if (fragment.length > 0) out.push({ index: state.index, function: { arguments: fragment } });
        continue;
      }
      state.buffered += fragment;
      if (state.id !== undefined && state.name !== undefined) out.push(this.start(state));
    }
    return out;
  }

  /** The choice finished (or the stream did): sends calls still waiting for an id, with a generated one. */
  flush(): ToolCallDelta[] {
    const out: ToolCallDelta[] = [];
    for (const state of this.calls) this.flushOne(state, out);
    return out;
  }

  private find(delta: UpstreamToolCallDelta, id: string | undefined, name: string | undefined, out: ToolCallDelta[]): ToolCallState {
    const upstreamIndex = typeof delta.index === 'number' ? delta.index : undefined;
    let state: ToolCallState | undefined;
    if (upstreamIndex !== undefined) {
      state = this.calls.findLast((call) => call.upstreamIndex === upstreamIndex);
      // One index reused for several calls: a different id is a new call.
      if (state !== undefined && id !== undefined && state.id !== undefined && state.id !== id) state = undefined;
    } else if (id !== undefined) {
      state = this.calls.find((call) => call.id === id);
    } else {
      state = this.last;
      // No index, no id: a name on a call that has one already starts another call.
      if (state !== undefined && name !== undefined && state.name !== undefined) state = undefined;
    }
    if (state !== undefined) return state;
    // The upstream moved on to a new call: earlier calls that never got an id will not get one.
    for (const call of this.calls) this.flushOne(call, out);
    state = { upstreamIndex, id: undefined, name: undefined, buffered: '', index: undefined };
    this.calls.push(state);
    this.last = state;
    return state;
  }

  private flushOne(state: ToolCallState, out: ToolCallDelta[]): void {
    if (state.index !== undefined || state.name === undefined) return;
    state.id ??= generateToolCallId();
    out.push(this.start(state));
  }

  private start(state: ToolCallState): ToolCallDelta {
    state.index = this.nextIndex;
    this.nextIndex += 1;
    const first: ToolCallDelta = {
      index: state.index,
      id: state.id!,
      type: 'function',
      function: { name: state.name!, arguments: state.buffered },
    };
    state.buffered = '';
    return first;
  }
}
