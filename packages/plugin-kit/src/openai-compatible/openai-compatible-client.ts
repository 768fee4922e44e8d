import { UpstreamError, type CallOptions, type PluginLogger } from '@modelgate/core';
import { createUpstreamError } from '../create-upstream-error.js';
import type { HttpPools, HttpResponse } from '../http-pools.js';
import { loadApiKey } from '../load-api-key.js';
import { readBodyText } from '../read-body-text.js';
import { mapRequestError, type AbortState } from '../map-request-error.js';
import type { OpenAICompatibleAbility, OpenAICompatibleProviderSettings, OpenAICompatibleQuirks } from './openai-compatible-settings.js';

/** The call's abort: `abort` (cheap) when set, else the standard `signal`. */
export function abortOf(call: CallOptions): NonNullable<CallOptions['abort']> | AbortSignal | undefined {
  return call.abort ?? call.signal;
}

export interface OpenAICompatibleSendOptions {
  /** Path under the base URL: `/chat/completions`. */
  path: string;
  method?: 'GET' | 'POST';
  /** The serialised JSON body, or bytes (a multipart form) with `contentType`. */
  body?: string | Uint8Array;
  /** The body's content type. Default `application/json`. */
  contentType?: string;
  /** `application/json` or `text/event-stream`. */
  accept?: string;
  /** The model, for error messages. */
  model?: string;
  call: CallOptions;
}

/**
 * The HTTP side shared by the chat and embedding models of one provider instance: URLs, headers
 * (the key is read on every call), sending, and turning failures into typed errors.
 */
export class OpenAICompatibleClient {
  readonly provider: string;
  readonly quirks: OpenAICompatibleQuirks;
  /** The endpoints besides chat, embeddings and models that the host serves. */
  readonly abilities: ReadonlySet<OpenAICompatibleAbility>;
  private readonly baseURL: string;
  private readonly warnedFields = new Set<string>();

  constructor(
    private readonly settings: OpenAICompatibleProviderSettings,
    private readonly pools: HttpPools,
  ) {
    this.provider = settings.name;
    this.quirks = settings.quirks ?? {};
    this.abilities = new Set(settings.abilities ?? []);
    this.baseURL = settings.baseURL.replace(/\/+$/, '');
  }

  url(path: string): string {
    return this.baseURL + path;
  }

  /** The request headers, with the API key loaded now. */
  headers(call: CallOptions, accept: string, hasBody: boolean, contentType = 'application/json'): Record<string, string> {
    const headers: Record<string, string> = { accept };
    if (hasBody) headers['content-type'] = contentType;
    if (this.settings.headers) Object.assign(headers, this.settings.headers);
    if (call.headers) Object.assign(headers, call.headers);
    const apiKey = this.apiKey();
    if (apiKey !== undefined) {
      if (this.quirks.authHeader === 'api-key') headers['api-key'] = apiKey;
      else headers.authorization = `Bearer ${apiKey}`;
    }
    return headers;
  }

  /**
   * Sends a request and returns the open response when its status is below 400. Otherwise reads
   * the error body and throws the typed error; connection failures throw a retryable `UpstreamError`;
   * an abort throws the signal's reason.
   */
  async send(options: OpenAICompatibleSendOptions): Promise<HttpResponse> {
    const url = this.url(options.path);
    const headers = this.headers(options.call, options.accept ?? 'application/json', options.body !== undefined, options.contentType);
    // The cheap form of the abort when the gateway gave one; reading `signal` would make an AbortSignal.
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
    throw createUpstreamError({
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

  /** Reads a whole body as JSON; a body that is not JSON is a (retryable) `UpstreamError`. */
  async readJson(response: HttpResponse, model: string | undefined, signal: AbortState | undefined): Promise<unknown> {
    return this.parseJson(await this.readText(response, model, signal), model);
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

  /** Logs (once per field) that a field was dropped because the host rejects it. */
  reportDropped(fields: readonly string[], logger: PluginLogger | undefined = this.settings.logger): void {
    for (const field of fields) {
      if (this.warnedFields.has(field)) continue;
      this.warnedFields.add(field);
      logger?.warn(`Provider "${this.provider}" does not accept "${field}"; it is dropped from requests.`, { field });
    }
  }

  private apiKey(): string | undefined {
    const settings = this.settings;
    if (settings.apiKeyRequired === false) {
      const fromEnvironment =
        settings.apiKeyEnvironmentVariable === undefined
          ? undefined
          : (settings.environment ?? process.env)[settings.apiKeyEnvironmentVariable];
      const key = settings.apiKey ?? fromEnvironment;
      return key === undefined || key.trim() === '' ? undefined : key.trim();
    }
    return loadApiKey({
      apiKey: settings.apiKey,
      environmentVariable: settings.apiKeyEnvironmentVariable,
      ...(settings.environment === undefined ? {} : { environment: settings.environment }),
      provider: settings.name,
      setting: settings.apiKeySetting ?? `providers.${settings.name}.api_key`,
    });
  }
}
