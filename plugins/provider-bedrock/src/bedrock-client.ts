import { Sha256 } from '@aws-crypto/sha256-js';
import { UpstreamError, type CallOptions, type PassthroughRequestV1, type PassthroughResponseV1 } from '@modelgate/core';
import {
  mapRequestError,
  passthroughURL,
  readBodyText,
  type AbortState,
  type HttpPools,
  type HttpResponse,
  type UpstreamLimits,
} from '@modelgate/plugin-kit';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  loadBedrockCredentials,
  loadBedrockRegion,
  type BedrockCredentials,
  type BedrockCredentialSettings,
} from './bedrock-credentials.js';
import { mapBedrockError } from './map-bedrock-error.js';

export interface BedrockClientSettings {
  credentials: BedrockCredentialSettings;
  /** Overrides `https://bedrock-runtime.{region}.amazonaws.com`. */
  baseURL?: string | undefined;
  /** Overrides `https://bedrock.{region}.amazonaws.com`. */
  controlPlaneURL?: string | undefined;
  limits?: UpstreamLimits | undefined;
}

export interface BedrockSendOptions {
  /** `runtime` (Converse, InvokeModel) or `control` (foundation models). */
  plane: 'runtime' | 'control';
  /** The path under the endpoint, already URL-encoded (`/model/us.anthropic…%3A0/converse`). */
  path: string;
  method: 'GET' | 'POST';
  body?: string;
  accept?: string;
  /** For error messages. */
  model: string;
  call: CallOptions;
}

/** The SigV4 service name of both Bedrock endpoints. */
const signingService = 'bedrock';

/** The call's abort: the cheap form when the gateway gave one. */
export function abortOf(call: CallOptions): NonNullable<CallOptions['abort']> | AbortSignal | undefined {
  return call.abort ?? call.signal;
}

/**
 * Sends requests to Bedrock: the endpoint for the region, credentials loaded on every call, SigV4
 * signing (or a Bedrock API key as a Bearer token), and error answers turned into typed errors.
 */
export class BedrockClient {
  readonly provider: string;

  constructor(
    private readonly settings: BedrockClientSettings,
    private readonly pools: HttpPools,
  ) {
    this.provider = settings.credentials.provider;
  }

  /** The endpoint of a plane; the region is needed only when no URL is configured. */
  endpoint(plane: BedrockSendOptions['plane']): string {
    const configured = plane === 'runtime' ? this.settings.baseURL : this.settings.controlPlaneURL;
    if (configured !== undefined) return configured.replace(/\/+$/, '');
    const region = loadBedrockRegion(this.settings.credentials);
    return plane === 'runtime' ? `https://bedrock-runtime.${region}.amazonaws.com` : `https://bedrock.${region}.amazonaws.com`;
  }

  /** Sends a request; an answer of 400 or more is thrown as a typed error after its body is read. */
  async send(options: BedrockSendOptions): Promise<HttpResponse> {
    const credentials = loadBedrockCredentials(this.settings.credentials);
    const url = new URL(this.endpoint(options.plane) + options.path);
    const headers: Record<string, string> = { ...options.call.headers, accept: options.accept ?? 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const signed = await this.authorize(credentials, url, options.method, headers, options.body);
    const signal = abortOf(options.call);
    let response: HttpResponse;
    try {
      response = await this.pools.request({
        url: url.toString(),
        method: options.method,
        headers: signed,
        ...(options.body === undefined ? {} : { body: options.body }),
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      throw mapRequestError(error, { signal, provider: this.provider, model: options.model, url: url.toString() });
    }
    if (response.status < 400) return response;
    const body = await this.readText(response, options.model, signal);
    throw mapBedrockError({ status: response.status, headers: response.headers, body, provider: this.provider, model: options.model });
  }

  /**
   * A native request under the runtime endpoint (`/model/{id}/converse`) as it is: SigV4-signed over the exact
   * bytes sent (or the API key as a Bearer token). The upstream's answer is returned whatever its status.
   */
  async passthrough(request: PassthroughRequestV1, call: CallOptions): Promise<PassthroughResponseV1> {
    const credentials = loadBedrockCredentials(this.settings.credentials);
    const url = new URL(passthroughURL(this.endpoint('runtime'), request.path, this.provider));
    const signed = await this.authorize(credentials, url, request.method, { ...request.headers }, request.body);
    const signal = abortOf(call);
    try {
      const response = await this.pools.request({
        url: url.toString(),
        method: request.method,
        headers: signed,
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(signal === undefined ? {} : { signal }),
      });
      return { status: response.status, headers: response.headers, body: response.body };
    } catch (error) {
      throw mapRequestError(error, { signal, provider: this.provider, url: url.toString() });
    }
  }

  private async authorize(
    credentials: BedrockCredentials,
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
  ): Promise<Record<string, string>> {
    if (credentials.type === 'api-key') return { ...headers, authorization: `Bearer ${credentials.apiKey}` };
    const signer = new SignatureV4({
      service: signingService,
      region: loadBedrockRegion(this.settings.credentials),
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken }),
      },
      sha256: Sha256,
      applyChecksum: false,
    });
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] = value;
    // The signer escapes the path once more for the canonical request (non-S3 rule), so `%3A` in a model id signs as `%253A`.
    const request = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: url.pathname,
      query,
      headers: { ...headers, host: url.host },
      ...(body === undefined ? {} : { body }),
    });
    return request.headers;
  }

  async readText(response: HttpResponse, model: string, signal: AbortState | undefined): Promise<string> {
    try {
      return await readBodyText(response, { maxBytes: this.settings.limits?.maxResponseBytes, provider: this.provider, model });
    } catch (error) {
      throw mapRequestError(error, { signal, provider: this.provider, model });
    }
  }

  async readJson(response: HttpResponse, model: string, signal: AbortState | undefined): Promise<unknown> {
    const text = await this.readText(response, model, signal);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw this.malformed(`a body that is not JSON: ${text.slice(0, 200)}`, model, error);
    }
  }

  malformed(what: string, model: string, cause?: unknown): UpstreamError {
    return new UpstreamError(`Upstream ${this.provider} (${model}) sent ${what}.`, {
      ...(cause === undefined ? {} : { cause }),
      code: 'upstream_malformed_response',
      isRetryable: true,
      provider: this.provider,
      model,
    });
  }
}
