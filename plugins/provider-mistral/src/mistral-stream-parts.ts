import type { ChatStreamPartV1, ModelgateError } from '@modelgate/core';
import {
  parseOpenAICompatibleEvent,
  type OpenAICompatibleStreamHandler,
  type OpenAICompatibleStreamParts,
  type ReadStreamOptions,
} from '@modelgate/plugin-kit';
import { createMistralError } from './create-mistral-error.js';
import type { MistralToolCallIds } from './mistral-tool-call-ids.js';
import { translateMistralChunk } from './translate-mistral-content.js';

/**
 * Mistral's stream events → canonical parts: each event parsed once, an in-stream error
 * (`{"object":"error",…}`) made a typed error, content chunks and tool-call ids translated, then the
 * plug-in kit's OpenAI-style mapping (tool calls by our own index, usage from the last chunk).
 */
export class MistralStreamParts implements OpenAICompatibleStreamHandler<ChatStreamPartV1> {
  constructor(
    private readonly parts: OpenAICompatibleStreamParts,
    private readonly ids: MistralToolCallIds,
    private readonly options: ReadStreamOptions,
  ) {}

  event(data: string, out: ChatStreamPartV1[]): void {
    const value = parseOpenAICompatibleEvent(data, this.options);
    if (value.object === 'error') {
      throw createMistralError({ body: data, provider: this.options.provider, model: this.options.model, isRetryable: false });
    }
    translateMistralChunk(value, this.ids);
    this.parts.value(value, out);
  }

  done(out: ChatStreamPartV1[]): void {
    this.parts.done(out);
  }

  error(error: ModelgateError): ChatStreamPartV1 {
    return this.parts.error(error);
  }
}
