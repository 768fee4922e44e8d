import { UpstreamError } from '@modelgate/core';
import type { HttpResponse } from './http-pools.js';

export interface ReadBodyTextOptions {
  /** Largest body accepted, in bytes; `undefined` reads any size. */
  maxBytes?: number | undefined;
  provider: string;
  model?: string | undefined;
}

function tooLarge(options: ReadBodyTextOptions): UpstreamError {
  const where = options.model === undefined ? options.provider : `${options.provider} (${options.model})`;
  return new UpstreamError(`Upstream ${where} sent a response larger than upstream.max_response_bytes (${options.maxBytes} bytes).`, {
    code: 'upstream_response_too_large',
    isRetryable: false,
    provider: options.provider,
    ...(options.model === undefined ? {} : { model: options.model }),
  });
}

/**
 * Reads a whole response body as text, refusing one larger than `maxBytes` without buffering it:
 * a declared `content-length` over the cap fails at once, and an undeclared length is counted
 * while reading and cut off at the cap.
 */
export async function readBodyText(response: HttpResponse, options: ReadBodyTextOptions): Promise<string> {
  const maxBytes = options.maxBytes;
  if (maxBytes === undefined) return response.body.text();
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && response.headers['content-length'] !== undefined) {
    if (declared > maxBytes) {
      response.body.destroy();
      throw tooLarge(options);
    }
    return response.body.text();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > maxBytes) {
      response.body.destroy();
      throw tooLarge(options);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}
