import type { ChatStreamEncoderV1, EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import type { ChatStreamPartV1 } from '../../specification/chat/chat-stream-part-v1.js';
import type { NativeStreamPartV1 } from '../../specification/provider-v1.js';
import { encodeGeminiUsage, functionArgs, geminiResponseId, mapGeminiFinishReason, thoughtSignatureOf } from './encode-gemini-response.js';
import { geminiErrorBodyOf } from './gemini-error-body.js';
import type { GeminiGenerateContentResponse, GeminiResponsePart } from './gemini-wire-types.js';

/**
 * How `streamGenerateContent` frames its chunks: `sse` (`?alt=sse`, what Google's SDKs ask for) as
 * `data:` events, `array` (no `alt`) as one JSON array written element by element.
 */
export type GeminiStreamFraming = 'sse' | 'array';

/**
 * Canonical stream parts → Gemini's chunks: each a `GenerateContentResponse` with the parts that are
 * new (text and thought deltas as they come, a function call whole once its `tool-call` arrives), the
 * last with the `finishReason` and the whole `usageMetadata`. A block's signature goes out once, as
 * Gemini streams it: a part of the block's kind with empty text and the `thoughtSignature`, when it
 * arrives (`reasoning-signature`) or when the block ends (`providerOptions.google` of its `*-end`).
 * Every chunk carries the same `responseId` and `modelVersion`: the first the upstream named before
 * the first chunk. A failed stream ends with Google's error body as its last element, never with a
 * chunk that has a finish reason.
 */
export class GeminiStreamEncoder implements ChatStreamEncoderV1 {
  readonly contentType: string;
  private id: string | undefined;
  private upstreamModel: string | undefined;
  /** Whether a chunk went out: the id and model are fixed from then on. */
  private started = false;
  /** The reasoning blocks whose signature went out already. */
  private readonly signed = new Set<string>();
  private opened = false;
  private closed = false;
  constructor(
    private readonly context: EncodeContextV1<unknown>,
    private readonly framing: GeminiStreamFraming,
  ) {
    this.contentType = framing === 'sse' ? 'text/event-stream; charset=utf-8' : 'application/json; charset=utf-8';
  }

  part(part: ChatStreamPartV1): string {
    switch (part.type) {
      case 'response-metadata':
        if (!this.started) {
          this.id ??= part.id;
          this.upstreamModel ??= part.model;
        }
        return '';
      case 'text-delta':
        return part.delta.length === 0 ? '' : this.chunk([{ text: part.delta }]);
      case 'reasoning-delta':
        return part.delta.length === 0 ? '' : this.chunk([{ text: part.delta, thought: true }]);
      case 'reasoning-signature':
        this.signed.add(part.id);
        return this.chunk([{ text: '', thought: true, thoughtSignature: part.signature }]);
      case 'reasoning-end': {
        const sentAlready = this.signed.delete(part.id);
        const signature = thoughtSignatureOf(part.providerOptions);
        if (signature.thoughtSignature === undefined || sentAlready) return '';
        return this.chunk([{ text: '', thought: true, ...signature }]);
      }
      case 'text-end': {
        const signature = thoughtSignatureOf(part.providerOptions);
        return signature.thoughtSignature === undefined ? '' : this.chunk([{ text: '', ...signature }]);
      }
      case 'tool-call':
        return this.chunk([
          {
            functionCall: { id: part.toolCallId, name: part.toolName, args: functionArgs(part.input) },
            ...thoughtSignatureOf(part.providerOptions),
          },
        ]);
      case 'finish':
        // One empty text part, as Gemini's last chunk has: Google's chat client drops a turn from its
        // history when a chunk comes with no parts.
        return (
          this.chunk([{ text: '' }], {
            finishReason: mapGeminiFinishReason(part.finishReason),
            usageMetadata: encodeGeminiUsage(part.usage),
          }) + this.close()
        );
      case 'error':
        return this.error(part.error);
      default:
        // Block starts, tool input fragments (a call goes out whole) and raw parts have no chunk.
        return '';
    }
  }

  native(part: NativeStreamPartV1): string {
    // A native Gemini stream's events are already chunks of this shape.
    if (part.type === 'event') return this.frame(part.data);
    if (part.type === 'events') {
      let text = '';
      for (const data of part.data) text += this.frame(data);
      return text;
    }
    return part.type === 'finish' ? this.close() : this.error(part.error);
  }

  error(error: unknown): string {
    if (this.closed) return '';
    return this.frame(JSON.stringify(geminiErrorBodyOf(error).body)) + this.close();
  }

  private chunk(
    parts: GeminiResponsePart[],
    end?: Pick<GeminiGenerateContentResponse, 'usageMetadata'> & { finishReason: string },
  ): string {
    const chunk = {
      candidates: [{ content: { role: 'model', parts }, ...(end === undefined ? {} : { finishReason: end.finishReason }), index: 0 }],
      ...(end?.usageMetadata === undefined ? {} : { usageMetadata: end.usageMetadata }),
      modelVersion: this.upstreamModel ?? this.context.model,
      responseId: geminiResponseId(this.id, this.context.requestId),
    };
    this.started = true;
    return this.frame(JSON.stringify(chunk));
  }

  private frame(json: string): string {
    if (this.closed) return '';
    if (this.framing === 'sse') return `data: ${json}\r\n\r\n`;
    const separator = this.opened ? ',\r\n' : '[';
    this.opened = true;
    return separator + json;
  }

  private close(): string {
    if (this.closed) return '';
    this.closed = true;
    if (this.framing === 'sse') return '';
    const opening = this.opened ? '' : '[';
    this.opened = true;
    return `${opening}]`;
  }
}
