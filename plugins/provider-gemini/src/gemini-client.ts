import { UpstreamError, type CallOptions } from '@modelgate/core';
import {
  abortOf,
  mapRequestError,
  readBodyText,
  type AbortState,
  type HttpPools,
  type HttpResponse,
  type UpstreamLimits,
} from '@modelgate/plugin-kit';
import { createGeminiError } from './create-gemini-error.js';

/** Where a Google API lives and how it is authenticated: the Gemini API's key, or Vertex AI's access token. */
export interface GeminiEndpoint {
  /** The API's base URL, its version segment included (`https://generativelanguage.googleapis.com/v1beta`). */
  readonly baseURL: string;
  /** The URL of a method of a model: `…/models/gemini-2.5-flash:generateContent`. */
  modelURL(modelId: string, method: string): string;
  /** The credential headers, loaded now (read at call time; a missing credential throws `MissingCredentialError`). */
  credentialHeaders(call: CallOptions): Promise<Record<string, string>>;
}

export interface GeminiSendOptions {
  url: string;
  method?: 'GET' | 'POST';
  /** The serialised JSON body. */
  body?: string;
  accept?: string;
  /** The model, for error messages. */
  model?: string;
  call: CallOptions;
}

/** The HTTP side shared by the models of one Google provider instance: headers, sending, typed errors. */
export class GeminiClient {
  constructor(
    readonly provider: string,
    readonly endpoint: GeminiEndpoint,
    private readonly pools: HttpPools,
    private readonly headers: Readonly<Record<string, string>> = {},
    private readonly limits: UpstreamLimits | undefined = undefined,
  ) {}

  /**
   * Sends a request; returns the open response when its status is below 400, else throws the typed
   * error made from Google's error body. Connection failures are retryable `UpstreamError`s; an abort
   * throws the signal's reason.
   */
  async send(options: GeminiSendOptions): Promise<HttpResponse> {
    const signal = abortOf(options.call);
    const headers: Record<string, string> = {
      accept: options.accept ?? 'application/json',
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...this.headers,
      ...options.call.headers,
      ...(await this.endpoint.credentialHeaders(options.call)),
    };
    let response: HttpResponse;
    try {
      response = await this.pools.request({
        url: options.url,
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers,
        ...(options.body === undefined ? {} : { body: options.body }),
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      throw mapRequestError(error, { signal, provider: this.provider, model: options.model, url: options.url });
    }
    if (response.status < 400) return response;
    const text = await this.readText(response, options.model, signal);
    throw createGeminiError({
      status: response.status,
      headers: response.headers,
      body: text,
      provider: this.provider,
      ...(options.model === undefined ? {} : { model: options.model }),
    });
  }

  /** Sends a request and reads its JSON answer. */
  async json(options: GeminiSendOptions): Promise<{ value: unknown; response: HttpResponse }> {
    const response = await this.send(options);
    const text = await this.readText(response, options.model, abortOf(options.call));
    return { value: this.parseJson(text, options.model), response };
  }

  async readText(response: HttpResponse, model: string | undefined, signal: AbortState | undefined): Promise<string> {
    try {
      return await readBodyText(response, { maxBytes: this.limits?.maxResponseBytes, provider: this.provider, model });
    } catch (error) {
      throw mapRequestError(error, { signal, provider: this.provider, model });
    }
  }

  parseJson(text: string, model: string | undefined): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw this.malformed(`a body that is not JSON: ${text.slice(0, 200)}`, model, error);
    }
  }

  malformed(what: string, model: string | undefined, cause?: unknown): UpstreamError {
    return new UpstreamError(`Upstream ${this.provider}${model === undefined ? '' : ` (${model})`} sent ${what}`, {
      code: 'upstream_malformed_response',
      isRetryable: true,
      provider: this.provider,
      ...(model === undefined ? {} : { model }),
      ...(cause === undefined ? {} : { cause }),
    });
  }
}
