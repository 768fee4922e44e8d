import { UnsupportedError, UpstreamError, type CallOptions, type ChatModelV1, type ChatRequestV1, type ProviderV1 } from '@modelgate/core';
import { createUpstreamError, HttpPools, loadApiKey, parseJsonLines, type HttpResponse } from '@modelgate/plugin-kit';
import { collectChatResponse } from './collect-chat-response.js';
import { convertToExampleRequest } from './convert-to-example-request.js';
import { readExampleStream } from './read-example-stream.js';

export interface ExampleProviderSettings {
  /** The instance name from the config. Default `example`. */
  name?: string;
  /** Default `https://api.example.invalid/v1`. */
  baseURL?: string;
  /** Else read from `EXAMPLE_API_KEY` when a call is made. */
  apiKey?: string;
  /** Where `EXAMPLE_API_KEY` is looked up; default `process.env`. */
  environment?: Readonly<Record<string, string | undefined>>;
}

export const exampleApiKeyEnvironmentVariable = 'EXAMPLE_API_KEY';

/** A provider for the example JSON-lines wire format (see the package README). */
export function createExampleProvider(settings: ExampleProviderSettings = {}): ProviderV1 {
  const name = settings.name ?? 'example';
  const baseURL = (settings.baseURL ?? 'https://api.example.invalid/v1').replace(/\/+$/, '');
  const pools = new HttpPools();

  async function post(path: string, body: unknown, model: string, options: CallOptions): Promise<HttpResponse> {
    const apiKey = loadApiKey({
      apiKey: settings.apiKey,
      environmentVariable: exampleApiKeyEnvironmentVariable,
      ...(settings.environment ? { environment: settings.environment } : {}),
      provider: name,
      setting: `providers.${name}.api_key`,
    });
    const signal = options.abort ?? options.signal;
    let response: HttpResponse;
    try {
      response = await pools.request({
        url: `${baseURL}${path}`,
        method: 'POST',
        headers: { ...options.headers, 'content-type': 'application/json', 'x-example-key': apiKey },
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new UpstreamError(`Cannot reach upstream ${name} (${model}): ${String(error)}`, {
        cause: error,
        provider: name,
        model,
        isRetryable: true,
      });
    }
    if (response.status < 400) return response;
    throw createUpstreamError({
      status: response.status,
      headers: response.headers,
      body: await response.body.text(),
      provider: name,
      model,
    });
  }

  function chat(modelId: string): ChatModelV1 {
    const stream = async (request: ChatRequestV1, options: CallOptions) => {
      const { body, warnings } = convertToExampleRequest(request, modelId);
      const response = await post('/generate', body, modelId, options);
      const signal = options.abort ?? options.signal;
      const parts = readExampleStream(parseJsonLines(response.body), { provider: name, model: modelId, warnings, signal });
      return { parts, upstream: { status: response.status } };
    };
    return {
      specificationVersion: 'v1',
      provider: name,
      modelId,
      stream,
      generate: async (request, options) => ({ response: await collectChatResponse((await stream(request, options)).parts) }),
    };
  }

  return {
    specificationVersion: 'v1',
    name,
    chat,
    embeddings: (modelId) => ({
      specificationVersion: 'v1',
      provider: name,
      modelId,
      embed: async (request, options) => {
        if (request.values.some((value) => typeof value !== 'string'))
          throw new UnsupportedError('The example provider embeds text only.', { param: 'input' });
        const body = { model: modelId, input: request.values, ...(request.dimensions ? { dimensions: request.dimensions } : {}) };
        const answer = (await (await post('/embed', body, modelId, options)).body.json()) as {
          embeddings: number[][];
          usage?: { input: number };
        };
        return {
          response: {
            embeddings: answer.embeddings,
            model: modelId,
            ...(answer.usage ? { usage: { inputTokens: answer.usage.input } } : {}),
          },
        };
      },
    }),
    close: () => pools.close(),
  };
}
