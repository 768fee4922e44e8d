import type { CallOptions, ChatModelV1, ChatRequestV1, ChatResultV1, ChatStreamV1, ModelMetadataV1, WarningV1 } from '@modelgate/core';
import { refuseWarningsWhenStrict } from '@modelgate/plugin-kit';
import { abortOf, pickCohereHeaders, type CohereClient } from './cohere-client.js';
import { CohereStreamParts } from './cohere-stream-parts.js';
import { convertToCohereChatBody } from './convert-to-cohere-chat-body.js';
import { createCohereError } from './create-cohere-error.js';
import { parseCohereChatResponse } from './parse-cohere-chat-response.js';
import { readCohereStream } from './read-cohere-stream.js';

/** Chat against Cohere's API v2: `POST /v2/chat`, whole or streamed (`stream: true`, server-sent events). */
export class CohereChatModel implements ChatModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: CohereClient,
    private readonly metadata: ModelMetadataV1 | undefined,
  ) {
    this.provider = client.provider;
  }

  async generate(request: ChatRequestV1, options: CallOptions): Promise<ChatResultV1> {
    const { body, warnings } = this.prepare(request, options);
    const response = await this.client.send({ path: '/v2/chat', body, model: this.modelId, call: options });
    const answer = await this.client.readJson(response, this.modelId, options);
    return {
      response: parseCohereChatResponse(answer, { provider: this.provider, model: this.modelId, warnings }),
      upstream: { status: response.status, headers: pickCohereHeaders(response.headers) },
    };
  }

  async stream(request: ChatRequestV1, options: CallOptions): Promise<ChatStreamV1> {
    const { body, warnings } = this.prepare(request, options);
    const response = await this.client.send({
      path: '/v2/chat',
      body: { ...body, stream: true },
      accept: 'text/event-stream',
      model: this.modelId,
      call: options,
    });
    // A JSON answer to a stream request is an error, whatever its status says.
    if ((response.headers['content-type'] ?? '').includes('application/json')) {
      const text = await this.client.readText(response, this.modelId, abortOf(options));
      throw createCohereError({
        status: response.status < 400 ? 502 : response.status,
        headers: response.headers,
        body: text,
        provider: this.provider,
        model: this.modelId,
      });
    }
    const handler = new CohereStreamParts({ provider: this.provider, model: this.modelId, warnings, includeRaw: options.includeRaw });
    return {
      parts: readCohereStream(response.body, handler, { provider: this.provider, model: this.modelId, signal: abortOf(options) }),
      upstream: { status: response.status, headers: pickCohereHeaders(response.headers) },
    };
  }

  private prepare(request: ChatRequestV1, options: CallOptions): { body: Record<string, unknown>; warnings: WarningV1[] } {
    const warnings: WarningV1[] = [];
    const body = convertToCohereChatBody(request, { modelId: this.modelId, provider: this.provider, metadata: this.metadata }, warnings);
    refuseWarningsWhenStrict(warnings, options);
    return { body, warnings };
  }
}
