import {
  toModelgateError,
  UpstreamError,
  type ChatStreamPartV1,
  type UnifiedFinishReasonV1,
  type UsageV1,
  type WarningV1,
} from '@modelgate/core';
import { createUpstreamError } from '@modelgate/plugin-kit';

interface ExampleLine {
  text?: string;
  tool?: { id: string; name: string; input: string };
  done?: { reason: string; usage?: { input: number; output: number; cache_read?: number; cache_write?: number; reasoning?: number } };
  error?: { message: string; code?: string };
}

const finishReasons: Record<string, UnifiedFinishReasonV1> = {
  stop: 'stop',
  max_tokens: 'length',
  tool_use: 'tool-calls',
  filtered: 'content-filter',
};

/** The wire's `input` leaves the cache counts out; canonical `inputTokens` includes them. */
function usageOf(usage: NonNullable<ExampleLine['done']>['usage']): UsageV1 | undefined {
  if (usage === undefined) return undefined;
  const inputTokens = usage.input + (usage.cache_read ?? 0) + (usage.cache_write ?? 0);
  return {
    inputTokens,
    outputTokens: usage.output,
    totalTokens: inputTokens + usage.output,
    ...(usage.cache_read === undefined ? {} : { cacheReadTokens: usage.cache_read }),
    ...(usage.cache_write === undefined ? {} : { cacheWriteTokens: usage.cache_write }),
    ...(usage.reasoning === undefined ? {} : { reasoningTokens: usage.reasoning }),
  };
}

export interface ReadExampleStreamOptions {
  provider: string;
  model: string;
  warnings: WarningV1[];
  signal?: { readonly aborted: boolean; readonly reason?: unknown } | undefined;
}

/** NDJSON answer lines as canonical stream parts: text blocks, whole tool calls, then one `finish` or one `error`. */
export async function* readExampleStream(
  lines: AsyncIterable<unknown>,
  options: ReadExampleStreamOptions,
): AsyncGenerator<ChatStreamPartV1> {
  const { provider, model } = options;
  yield { type: 'stream-start', warnings: options.warnings };
  let textId: string | undefined;
  let blocks = 0;
  let calledTool = false;
  try {
    for await (const value of lines) {
      const line = value as ExampleLine;
      if (line.text !== undefined) {
        if (textId === undefined) yield { type: 'text-start', id: (textId = `text-${blocks++}`) };
        yield { type: 'text-delta', id: textId, delta: line.text };
        continue;
      }
      if (textId !== undefined) yield { type: 'text-end', id: textId };
      textId = undefined;
      if (line.tool !== undefined) {
        const { id, name, input } = line.tool;
        calledTool = true;
        yield { type: 'tool-input-start', id, toolName: name };
        yield { type: 'tool-input-delta', id, delta: input };
        yield { type: 'tool-input-end', id };
        yield { type: 'tool-call', toolCallId: id, toolName: name, input };
      } else if (line.done !== undefined) {
        const unified = calledTool ? 'tool-calls' : (finishReasons[line.done.reason] ?? 'other');
        const usage = usageOf(line.done.usage);
        yield { type: 'finish', finishReason: { unified, raw: line.done.reason }, ...(usage ? { usage } : {}) };
        return;
      } else if (line.error !== undefined) {
        yield { type: 'error', error: createUpstreamError({ body: JSON.stringify(line), provider, model, isRetryable: false }) };
        return;
      }
    }
    yield {
      type: 'error',
      error: new UpstreamError(`Upstream ${provider} (${model}) ended the answer without "done".`, { provider, model }),
    };
  } catch (error) {
    const failure = options.signal?.aborted
      ? toModelgateError(options.signal.reason)
      : new UpstreamError(`Upstream ${provider} (${model}) broke off the answer: ${String(error)}`, { cause: error, provider, model });
    yield { type: 'error', error: failure };
  }
}
