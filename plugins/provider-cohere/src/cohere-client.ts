import {
  UpstreamError,
  type CallOptions,
  type CredentialStateV1,
  type PassthroughRequestV1,
  type PassthroughResponseV1,
} from '@modelgate/core';
import {
  mapRequestError,
  readBodyText,
  sendPassthrough,
  type AbortState,
  type HttpPools,
  type HttpResponse,
  type UpstreamLimits,
} from '@modelgate/plugin-kit';
import { describeCohereCredentials, loadCohereApiKey, type CohereCredentialSettings } from './cohere-credentials.js';
import { createCohereError } from './create-cohere-error.js';

export interface CohereClientSettings extends CohereCredentialSettings {
  /** `https://api.cohere.com` (no trailing slash, no version: paths carry `/v2/…` or `/v1/…`). */
  baseURL: string;
  /** Sent as `X-Client-Name`, which Cohere shows in its usage dashboard. */
  clientName?: string | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  limits?: UpstreamLimits | undefined;
}

export interface CohereSendOptions {
  path: string;
  /** The JSON body; a GET without it. */
  body?: unknown;
  accept?: string;
  /** The model, for messages. */
  model?: string | undefined;
  call: CallOptions;
}

/** The call's abort: the cheap form when the gateway gave one. */
export function abortOf(call: CallOptions): NonNullable<CallOptions['abort']> | AbortSignal | undefined {
  return call.abort ?? call.signal;
}

const passedOn = new Set(['x-request-id', 'retry-after', 'x-api-warning', 'num_chars', 'num_tokens']);

/** The upstream headers worth passing on: request id, rate-limit and retry hints, Cohere's API warnings. */
export function pickCohereHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name in headers) if (passedOn.has(name) || name.startsWith('x-ratelimit-')) picked[name] = headers[name]!;
  return picked;
}

/** The HTTP side of one Cohere provider instance: URLs, headers (the key read on each call), sending, typed errors. */
export class CohereClient {
  readonly provider: string;

  constructor(
    private readonly settings: CohereClientSettings,
    private readonly pools: HttpPools,
  ) {
    this.provider = settings.name;
  }

  describeCredentials(): CredentialStateV1 {
    return describeCohereCredentials(this.settings);
  }

  /** Sends a request; an answer of status 400 or more is read and thrown as a typed error. */
  async send(options: CohereSendOptions): Promise<HttpResponse> {
    const apiKey = loadCohereApiKey(this.settings);
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (this.settings.clientName !== undefined) headers['x-client-name'] = this.settings.clientName;
    Object.assign(headers, this.settings.headers, options.call.headers);
    headers.authorization = `Bearer ${apiKey}`;
    const url = this.settings.baseURL + options.path;
    const signal = abortOf(options.call);
    let response: HttpResponse;
    try {
      response = await this.pools.request({
        url,
        method: options.body === undefined ? 'GET' : 'POST',
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      throw mapRequestError(error, { signal, provider: this.provider, model: options.model, url });
    }
    if (response.status < 400) return response;
    const body = await this.readText(response, options.model, signal);
    throw createCohereError({ status: response.status, headers: response.headers, body, provider: this.provider, model: options.model });
  }

  /** A native request under the base URL (`/v2/chat`) as it is, with the key as Bearer (read now). */
  async passthrough(request: PassthroughRequestV1, call: CallOptions): Promise<PassthroughResponseV1> {
    const apiKey = loadCohereApiKey(this.settings);
    const headers: Record<string, string> = { ...request.headers };
    if (this.settings.clientName !== undefined) headers['x-client-name'] = this.settings.clientName;
    Object.assign(headers, this.settings.headers);
    headers.authorization = `Bearer ${apiKey}`;
    return sendPassthrough(this.pools, request, { provider: this.provider, baseURL: this.settings.baseURL, headers, call });
  }

  async readText(response: HttpResponse, model: string | undefined, signal: AbortState | undefined): Promise<string> {
    try {
      return await readBodyText(response, { maxBytes: this.settings.limits?.maxResponseBytes, provider: this.provider, model });
    } catch (error) {
      throw mapRequestError(error, { signal, provider: this.provider, model });
    }
  }

  /** Reads a whole JSON answer; one that is not a JSON object is a (retryable) `UpstreamError`. */
  async readJson(response: HttpResponse, model: string | undefined, call: CallOptions): Promise<Record<string, unknown>> {
    const text = await this.readText(response, model, abortOf(call));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw this.malformed(`a body that is not JSON: ${text.slice(0, 200)}`, model, error);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw this.malformed(`an unexpected body: ${text.slice(0, 200)}`, model);
    return value as Record<string, unknown>;
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
