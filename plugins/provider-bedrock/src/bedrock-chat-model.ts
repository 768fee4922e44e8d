import type { CallOptions, ChatModelV1, ChatRequestV1, ChatResultV1, ChatStreamV1 } from '@modelgate/core';
import { refuseWarningsWhenStrict, type FetchMediaOptions } from '@modelgate/plugin-kit';
import { abortOf, type BedrockClient } from './bedrock-client.js';
import type { BedrockConverseResponse } from './bedrock-wire-types.js';
import { convertToBedrockRequest } from './convert-to-bedrock-request.js';
import { decodeEventStream } from './decode-event-stream.js';
import { readConverseResponse } from './read-converse-response.js';
import { readConverseStream } from './read-converse-stream.js';

/** The path of a model operation; the id is URL-encoded, since inference profiles and ARNs hold `:` and `/`. */
export function modelPath(modelId: string, operation: 'converse' | 'converse-stream' | 'invoke'): string {
  return `/model/${encodeURIComponent(modelId)}/${operation}`;
}

function hasUrlMedia(request: ChatRequestV1): boolean {
  return request.messages.some(
    (message) =>
      (message.role === 'user' && message.content.some((part) => part.type !== 'text' && part.source.type === 'url')) ||
      (message.role === 'tool' &&
        message.content.some(
          (part) => part.output.type === 'content' && part.output.value.some((item) => item.type !== 'text' && item.source.type === 'url'),
        )),
  );
}

/** A Bedrock model through Converse (`generate`) and ConverseStream (`stream`). */
export class BedrockChatModel implements ChatModelV1 {
  readonly specificationVersion = 'v1' as const;
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: BedrockClient,
    private readonly mediaFetch: FetchMediaOptions,
  ) {
    this.provider = client.provider;
  }

  private async prepare(request: ChatRequestV1, options: CallOptions) {
    // Reading `signal` builds an AbortSignal: only downloads need one.
    const signal = hasUrlMedia(request) ? options.signal : undefined;
    const { body, warnings } = await convertToBedrockRequest(request, { modelId: this.modelId, fetch: this.mediaFetch, signal });
    refuseWarningsWhenStrict(warnings, options);
    return { body: JSON.stringify(body), warnings };
  }

  async generate(request: ChatRequestV1, options: CallOptions): Promise<ChatResultV1> {
    const { body, warnings } = await this.prepare(request, options);
    const response = await this.client.send({
      plane: 'runtime',
      path: modelPath(this.modelId, 'converse'),
      method: 'POST',
      body,
      model: this.modelId,
      call: options,
    });
    const answer = (await this.client.readJson(response, this.modelId, abortOf(options))) as BedrockConverseResponse;
    return {
      response: readConverseResponse(answer, warnings, { provider: this.provider, model: this.modelId }),
      upstream: { status: response.status },
    };
  }

  async stream(request: ChatRequestV1, options: CallOptions): Promise<ChatStreamV1> {
    const { body, warnings } = await this.prepare(request, options);
    const response = await this.client.send({
      plane: 'runtime',
      path: modelPath(this.modelId, 'converse-stream'),
      method: 'POST',
      body,
      accept: 'application/vnd.amazon.eventstream',
      model: this.modelId,
      call: options,
    });
    const parts = readConverseStream(decodeEventStream(response.body), {
      provider: this.provider,
      model: this.modelId,
      warnings,
      signal: abortOf(options),
      includeRaw: options.includeRaw,
    });
    return { parts, upstream: { status: response.status } };
  }
}
