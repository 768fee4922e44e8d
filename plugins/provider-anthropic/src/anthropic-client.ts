import { UpstreamError, type CallOptions } from '@modelgate/core';
import {
  abortOf,
  loadApiKey,
  mapRequestError,
  readBodyText,
  type AbortState,
  type HttpPools,
  type HttpResponse,
  type UpstreamLimits,
} from '@modelgate/plugin-kit';
import { createAnthropicError } from './create-anthropic-error.js';

export interface AnthropicClientSettings {
  /** The provider instance name, used in errors and as `provider` of models. */
  name: string;
  /** The API root without `/v1`. */
  baseURL: string;
  apiKey?: string;
  /** Read at call time when `apiKey` is absent (`ANTHROPIC_API_KEY`); absent: no fallback. */
  apiKeyEnvironmentVariable?: string;
  /** The settings path named when the key is missing. */
  apiKeySetting: string;
  anthropicVersion: string;
  beta: readonly string[];
  headers: Readonly<Record<string, string>>;
  environment?: Readonly<Record<string, string | undefined>>;
  limits?: UpstreamLimits;
}

export interface AnthropicSendOptions {
  /** Path under the base URL: `/v1/messages`. */
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  accept?: string;
  model?: string;
  call: CallOptions;
}

/**
 * The HTTP side of one Anthropic provider instance: URLs, headers (`x-api-key` read on every call,
 * `anthropic-version`, `anthropic-beta`), sending, and turning failures into typed errors.
 */
export class AnthropicClient {
  readonly provider: string;
  private readonly baseURL: string;

  constructor(
    readonly settings: AnthropicClientSettings,
    private readonly pools: HttpPools,
  ) {
    this.provider = settings.name;
    this.baseURL = settings.baseURL.replace(/\/+$/, '');
  }

  /** The request headers, with the API key loaded now (a missing key throws `MissingCredentialError`). */
  headers(call: CallOptions, accept: string, hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = { accept };
    if (hasBody) headers['content-type'] = 'application/json';
    Object.assign(headers, this.settings.headers);
    if (call.headers) Object.assign(headers, call.headers);
    headers['anthropic-version'] = this.settings.anthropicVersion;
    // The configured flags and any a client asked for (the native path passes its `anthropic-beta` on).
    const beta = new Set(
      [...(headers['anthropic-beta'] ?? '').split(','), ...this.settings.beta].map((flag) => flag.trim()).filter((flag) => flag !== ''),
    );
    if (beta.size > 0) headers['anthropic-beta'] = [...beta].join(',');
    else delete headers['anthropic-beta'];
    // Set last: nothing from the call may replace the credential, and no Bearer form goes along.
    delete headers.authorization;
    headers['x-api-key'] = this.apiKey();
    return headers;
  }

  /**
   * Sends a request and returns the open response when its status is below 400; otherwise reads the
   * error body and throws the typed error. Connection failures throw a retryable `UpstreamError`; an
   * abort throws the signal's reason.
   */
  async send(options: AnthropicSendOptions): Promise<HttpResponse> {
    const url = this.baseURL + options.path;
    const headers = this.headers(options.call, options.accept ?? 'application/json', options.body !== undefined);
    const signal = abortOf(options.call);
    let response: HttpResponse;
    try {
      response = await this.pools.request({
        url,
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers,
        ...(options.body === undefined ? {} : { body: options.body }),
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      throw mapRequestError(error, { signal, provider: this.provider, model: options.model, url });
    }
    if (response.status < 400) return response;
    const body = await this.readText(response, options.model, signal);
    throw createAnthropicError({
      status: response.status,
      headers: response.headers,
      body,
      provider: this.provider,
      ...(options.model === undefined ? {} : { model: options.model }),
    });
  }

  /** Reads a whole body as text, mapping a broken connection or an abort. */
  async readText(response: HttpResponse, model: string | undefined, signal: AbortState | undefined): Promise<string> {
    try {
      return await readBodyText(response, { maxBytes: this.settings.limits?.maxResponseBytes, provider: this.provider, model });
    } catch (error) {
      throw mapRequestError(error, { signal, provider: this.provider, model });
    }
  }

  /** Parses a body read as text; one that is not JSON is a (retryable) `UpstreamError`. */
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

  private apiKey(): string {
    return loadApiKey({
      apiKey: this.settings.apiKey,
      environmentVariable: this.settings.apiKeyEnvironmentVariable,
      ...(this.settings.environment === undefined ? {} : { environment: this.settings.environment }),
      provider: this.provider,
      setting: this.settings.apiKeySetting,
    });
  }
}
