import {
  MissingCredentialError,
  UpstreamError,
  type CallOptions,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatRequest,
  type ChatStreamEventV1,
  type EmbeddingResponse,
  type ProviderV1,
  type Usage,
} from '@modelgate/core';

/** Mistakes a real provider could make, switched on to prove that the conformance suite catches them. */
export interface ProviderFaults {
  /** Does not send `stream_options.include_usage`. */
  omitIncludeUsage?: boolean;
  /** Reports a dropped stream as a normal finish. */
  finishOnDrop?: boolean;
  /** Ignores the abort signal. */
  ignoreSignal?: boolean;
  /** Numbers tool calls by their order of arrival in the chunk instead of keeping the upstream index. */
  resetToolIndexes?: boolean;
  /** Ignores `retry-after`. */
  ignoreRetryAfter?: boolean;
}

export interface FetchOpenAIProviderSettings {
  baseURL: string;
  apiKey?: string;
  environment: Record<string, string | undefined>;
  faults?: ProviderFaults;
}

/** A small OpenAI-compatible provider over `fetch`, the reference the testkit's suite is checked against. */
export function createFetchOpenAIProvider(settings: FetchOpenAIProviderSettings): ProviderV1 {
  const faults = settings.faults ?? {};
  const apiKey = (): string => {
    const key = settings.apiKey || settings.environment['OPENAI_API_KEY'];
    if (!key) throw new MissingCredentialError({ provider: 'fetch-openai', setting: 'api_key', environmentVariable: 'OPENAI_API_KEY' });
    return key;
  };

  async function post(path: string, body: unknown, options: CallOptions): Promise<Response> {
    const key = apiKey();
    let response: Response;
    try {
      response = await fetch(`${settings.baseURL}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: faults.ignoreSignal ? null : (options.signal ?? null),
      });
    } catch (error) {
      throw new UpstreamError('The upstream could not be reached.', { cause: error });
    }
    if (response.ok) return response;
    const text = await response.text();
    let message = text;
    try {
      message = (JSON.parse(text) as { error: { message: string } }).error.message;
    } catch {
      // keep the raw text
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new UpstreamError(message, {
      upstreamStatus: response.status,
      body: text,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 && !faults.ignoreRetryAfter ? retryAfter * 1000 : undefined,
    });
  }

  async function* events(response: Response): AsyncGenerator<ChatStreamEventV1> {
    const decoder = new TextDecoder();
    let buffer = '';
    let usage: Usage | undefined;
    try {
      for await (const bytes of response.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(bytes, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).replace(/^data: /, '');
          buffer = buffer.slice(end + 2);
          if (data === '[DONE]') {
            yield { type: 'finish', usage };
            return;
          }
          const chunk = JSON.parse(data) as ChatCompletionChunk;
          if (chunk.usage) usage = chunk.usage;
          if (faults.resetToolIndexes) {
            for (const choice of chunk.choices) choice.delta.tool_calls?.forEach((call, index) => (call.index = index));
          }
          if (chunk.choices.length > 0) yield { type: 'chunk', chunk };
        }
      }
      if (faults.finishOnDrop) yield { type: 'finish', usage };
      else yield { type: 'error', error: new UpstreamError('The upstream ended the stream without [DONE].') };
    } catch (error) {
      if (faults.finishOnDrop) yield { type: 'finish', usage };
      else yield { type: 'error', error: new UpstreamError('The upstream stream failed.', { cause: error }) };
    }
  }

  return {
    specificationVersion: 'v1',
    name: 'fetch-openai',
    chat: (modelId) => ({
      specificationVersion: 'v1',
      provider: 'fetch-openai',
      modelId,
      generate: async (request: ChatRequest, options: CallOptions) => {
        const response = await post('/chat/completions', { ...request, model: modelId, stream: false }, options);
        return { response: (await response.json()) as ChatCompletion };
      },
      stream: async (request: ChatRequest, options: CallOptions) => {
        const streamOptions = faults.omitIncludeUsage ? {} : { stream_options: { include_usage: true } };
        const response = await post('/chat/completions', { ...request, model: modelId, stream: true, ...streamOptions }, options);
        return { events: events(response) };
      },
    }),
    embeddings: (modelId) => ({
      specificationVersion: 'v1',
      provider: 'fetch-openai',
      modelId,
      embed: async (request, options) => {
        const response = await post('/embeddings', { ...request, model: modelId }, options);
        return { response: (await response.json()) as EmbeddingResponse };
      },
    }),
  };
}
