import { toModelgateError, UpstreamError, type ChatStreamPartV1, type WarningV1 } from '@modelgate/core';
import type { BedrockUsage } from './bedrock-wire-types.js';
import type { EventStreamMessage } from './decode-event-stream.js';
import { mapBedrockError } from './map-bedrock-error.js';
import { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';
import { normalizeBedrockUsage } from './normalize-bedrock-usage.js';

interface BlockDelta {
  text?: string;
  toolUse?: { input?: string };
  reasoningContent?: { text?: string; signature?: string; redactedContent?: string };
}

interface StreamEvent {
  contentBlockIndex?: number;
  start?: { toolUse?: { toolUseId?: string; name?: string } };
  delta?: BlockDelta;
  stopReason?: string;
  usage?: BedrockUsage;
}

/** An open content block, keyed by Bedrock's `contentBlockIndex`: blocks may interleave, so there is no "current" one. */
type OpenBlock =
  | { kind: 'text'; id: string }
  | { kind: 'reasoning'; id: string }
  | { kind: 'tool'; id: string; toolName: string; input: string };

export interface ReadConverseStreamOptions {
  provider: string;
  model: string;
  warnings: WarningV1[];
  signal?: { readonly aborted: boolean; readonly reason?: unknown } | undefined;
  includeRaw?: boolean | undefined;
}

/**
 * ConverseStream events as canonical stream parts, with block boundaries. `metadata` (usage) comes after
 * `messageStop`, so the finish waits for the end of the stream. An exception event, a corrupt frame, or a
 * stream that ends before `messageStop` is one `error` part, never a finish.
 */
export async function* readConverseStream(
  messages: AsyncIterable<EventStreamMessage>,
  options: ReadConverseStreamOptions,
): AsyncGenerator<ChatStreamPartV1> {
  const { provider, model } = options;
  yield { type: 'stream-start', warnings: options.warnings };
  const blocks = new Map<number, OpenBlock>();
  let stopReason: string | undefined;
  let stopped = false;
  let usage: BedrockUsage | undefined;
  let calledTool = false;

  function* end(index: number): Generator<ChatStreamPartV1> {
    const block = blocks.get(index);
    if (block === undefined) return;
    blocks.delete(index);
    if (block.kind === 'text') yield { type: 'text-end', id: block.id };
    else if (block.kind === 'reasoning') yield { type: 'reasoning-end', id: block.id };
    else {
      yield { type: 'tool-input-end', id: block.id };
      calledTool = true;
      yield { type: 'tool-call', toolCallId: block.id, toolName: block.toolName, input: block.input === '' ? '{}' : block.input };
    }
  }

  function* delta(index: number, change: BlockDelta): Generator<ChatStreamPartV1> {
    const block = blocks.get(index);
    if (change.text !== undefined) {
      if (block === undefined) {
        const id = `text-${index}`;
        blocks.set(index, { kind: 'text', id });
        yield { type: 'text-start', id };
        yield { type: 'text-delta', id, delta: change.text };
      } else if (block.kind === 'text') yield { type: 'text-delta', id: block.id, delta: change.text };
      return;
    }
    if (change.toolUse !== undefined) {
      if (block?.kind === 'tool' && change.toolUse.input !== undefined && change.toolUse.input !== '') {
        block.input += change.toolUse.input;
        yield { type: 'tool-input-delta', id: block.id, delta: change.toolUse.input };
      }
      return;
    }
    const reasoning = change.reasoningContent;
    if (reasoning === undefined) return;
    let open = block;
    if (open === undefined) {
      const id = `reasoning-${index}`;
      open = { kind: 'reasoning', id };
      blocks.set(index, open);
      yield {
        type: 'reasoning-start',
        id,
        ...(reasoning.redactedContent === undefined ? {} : { redactedData: reasoning.redactedContent }),
      };
      if (reasoning.redactedContent !== undefined) return;
    }
    if (open.kind !== 'reasoning') return;
    if (reasoning.text !== undefined && reasoning.text !== '') yield { type: 'reasoning-delta', id: open.id, delta: reasoning.text };
    if (reasoning.signature !== undefined) yield { type: 'reasoning-signature', id: open.id, signature: reasoning.signature };
  }

  try {
    for await (const message of messages) {
      if (options.includeRaw) yield { type: 'raw', value: { [message.name]: message.payload } };
      if (message.messageType !== 'event') {
        const body = JSON.stringify(message.payload ?? {});
        yield { type: 'error', error: mapBedrockError({ errorType: message.name, body, provider, model }) };
        return;
      }
      const event = (message.payload ?? {}) as StreamEvent;
      const index = event.contentBlockIndex ?? 0;
      switch (message.name) {
        case 'messageStart':
          yield { type: 'response-metadata', model };
          break;
        case 'contentBlockStart': {
          const tool = event.start?.toolUse;
          if (tool?.toolUseId !== undefined && tool.name !== undefined) {
            yield* end(index);
            blocks.set(index, { kind: 'tool', id: tool.toolUseId, toolName: tool.name, input: '' });
            yield { type: 'tool-input-start', id: tool.toolUseId, toolName: tool.name };
          }
          break;
        }
        case 'contentBlockDelta':
          if (event.delta !== undefined) yield* delta(index, event.delta);
          break;
        case 'contentBlockStop':
          yield* end(index);
          break;
        case 'messageStop':
          stopped = true;
          stopReason = event.stopReason;
          break;
        case 'metadata':
          usage = event.usage;
          break;
        default:
          break;
      }
    }
  } catch (error) {
    const failure = options.signal?.aborted
      ? toModelgateError(options.signal.reason)
      : new UpstreamError(`Upstream ${provider} (${model}) broke off the answer: ${(error as Error).message}`, {
          cause: error,
          provider,
          model,
          isRetryable: false,
        });
    yield { type: 'error', error: failure };
    return;
  }
  if (!stopped) {
    yield {
      type: 'error',
      error: new UpstreamError(`Upstream ${provider} (${model}) ended the stream without messageStop.`, {
        provider,
        model,
        isRetryable: false,
      }),
    };
    return;
  }
  for (const index of [...blocks.keys()]) yield* end(index);
  const normalized = normalizeBedrockUsage(usage);
  yield { type: 'finish', finishReason: mapBedrockFinishReason(stopReason, calledTool), ...(normalized ? { usage: normalized } : {}) };
}
