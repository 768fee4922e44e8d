import type { ChatStreamPartV1, FinishReasonV1, UsageV1 } from '@modelgate/core';
import { signatureOptions } from './gemini-provider-options.js';
import type { GeminiPart, GeminiResponse } from './gemini-wire.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { normalizeGeminiUsage } from './normalize-gemini-usage.js';
import { toolCallOf } from './parse-gemini-response.js';

interface OpenBlock {
  kind: 'text' | 'reasoning';
  id: string;
  signature?: string;
}

/**
 * Turns streamed `GenerateContentResponse` chunks (each with the new parts only) into canonical
 * stream parts. Text and thoughts are blocks: consecutive parts of one kind share a block until a
 * part carries a thought signature, which closes it (the signature goes on its `*-end`, so that it
 * returns on the part it came with). Function calls arrive whole: each is one tool-input block with
 * the complete arguments and a `tool-call`. The last `usageMetadata` and the `finishReason` are kept
 * for the finish; an answer that never said why it stopped did not finish.
 */
export class GeminiStreamState {
  private open: OpenBlock | undefined;
  private blocks = 0;
  private calls = 0;
  private finishRaw: string | undefined;
  private blockReason: string | undefined;
  private usage: UsageV1 | undefined;
  private metadataSent = false;

  /** Whether the upstream said why it stopped (a finish reason, or a blocked prompt). */
  get finished(): boolean {
    return this.finishRaw !== undefined || this.blockReason !== undefined;
  }

  chunk(value: GeminiResponse, out: ChatStreamPartV1[]): void {
    if (!this.metadataSent && (value.responseId !== undefined || value.modelVersion !== undefined)) {
      this.metadataSent = true;
      out.push({
        type: 'response-metadata',
        ...(value.responseId === undefined ? {} : { id: value.responseId }),
        ...(value.modelVersion === undefined ? {} : { model: value.modelVersion }),
      });
    }
    const usage = normalizeGeminiUsage(value.usageMetadata);
    if (usage !== undefined) this.usage = usage;
    const candidate = value.candidates?.[0];
    if (candidate === undefined) {
      if (value.promptFeedback?.blockReason !== undefined) this.blockReason = value.promptFeedback.blockReason;
      return;
    }
    for (const part of candidate.content?.parts ?? []) this.part(part, out);
    if (candidate.finishReason !== undefined) this.finishRaw = candidate.finishReason;
  }

  /** Closes the open block and gives the finish part. */
  finish(out: ChatStreamPartV1[]): void {
    this.close(out);
    const finishReason: FinishReasonV1 =
      this.finishRaw === undefined && this.blockReason !== undefined
        ? { unified: 'content-filter', raw: this.blockReason }
        : mapGeminiFinishReason(this.finishRaw, this.calls > 0);
    out.push({ type: 'finish', finishReason, ...(this.usage === undefined ? {} : { usage: this.usage }) });
  }

  private part(part: GeminiPart, out: ChatStreamPartV1[]): void {
    if (part.functionCall !== undefined) {
      this.close(out);
      const call = toolCallOf(part, this.calls);
      this.calls += 1;
      out.push(
        { type: 'tool-input-start', id: call.toolCallId, toolName: call.toolName },
        { type: 'tool-input-delta', id: call.toolCallId, delta: call.input },
        { type: 'tool-input-end', id: call.toolCallId },
        call,
      );
      return;
    }
    if (typeof part.text !== 'string') return;
    const kind = part.thought === true ? 'reasoning' : 'text';
    if (this.open !== undefined && (this.open.kind !== kind || this.open.signature !== undefined)) this.close(out);
    if (this.open === undefined) {
      if (part.text === '' && part.thoughtSignature === undefined) return;
      this.open = { kind, id: `${kind}-${this.blocks}` };
      this.blocks += 1;
      out.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id: this.open.id });
    }
    if (part.text !== '') out.push({ type: kind === 'text' ? 'text-delta' : 'reasoning-delta', id: this.open.id, delta: part.text });
    if (part.thoughtSignature !== undefined) this.open.signature = part.thoughtSignature;
  }

  private close(out: ChatStreamPartV1[]): void {
    const open = this.open;
    if (open === undefined) return;
    this.open = undefined;
    out.push({ type: open.kind === 'text' ? 'text-end' : 'reasoning-end', id: open.id, ...signatureOptions(open.signature) });
  }
}
