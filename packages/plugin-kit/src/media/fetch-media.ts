import { InvalidRequestError } from '@modelgate/core';
import { Agent, request } from 'undici';
import { isPrivateAddress } from './is-private-address.js';
import { publicOnlyLookup } from './public-only-lookup.js';

export interface FetchMediaOptions {
  /** Largest body accepted, in bytes. Default 20 MiB. */
  maxBytes?: number;
  /** Time allowed for the whole download (ms). Default 10 000. */
  timeoutMs?: number;
  /** Allow loopback, private and link-local addresses (an operator's setting, off by default). */
  allowPrivateNetwork?: boolean;
  /** Redirects followed, each checked like the first URL. Default 3. */
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface FetchedMedia {
  data: Uint8Array;
  /** From the response's `content-type`, without parameters; `undefined` when it sent none. */
  mediaType: string | undefined;
}

const defaultMaxBytes = 20 * 1024 * 1024;

/** Stops reading a body; the abort a destroyed body reports later is expected, never an unhandled error. */
function discard(body: { on(event: 'error', listener: () => void): unknown; destroy(): unknown }): void {
  body.on('error', () => undefined);
  body.destroy();
}

function refuse(url: string, why: string): InvalidRequestError {
  return new InvalidRequestError(`Could not fetch the media at ${url}: ${why}.`);
}

function parseDataUrl(url: string): FetchedMedia {
  const match = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/s.exec(url);
  if (!match) throw refuse('a data: URL', 'it is malformed');
  const [, mediaType = '', , base64, payload = ''] = match;
  const data = base64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), mediaType: mediaType === '' ? undefined : mediaType };
}

/**
 * Downloads an image or a document a client gave by URL, for providers that take only inline bytes.
 * Only `http:` and `https:` (and `data:`, decoded locally); the size and the time are bounded; private,
 * loopback and link-local addresses are refused unless `allowPrivateNetwork` (the resolved address is
 * checked, so a public name pointing inside is refused too). Failures are 400s naming the URL.
 */
export async function fetchMedia(url: string, options: FetchMediaOptions = {}): Promise<FetchedMedia> {
  if (url.startsWith('data:')) return parseDataUrl(url);
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const dispatcher = new Agent({
    connect: options.allowPrivateNetwork ? {} : { lookup: publicOnlyLookup(refuse(url, 'it resolves to a private or loopback address')) },
    connections: 1,
  });
  try {
    let current = url;
    for (let redirects = 0; ; redirects += 1) {
      let parsed: URL;
      try {
        parsed = new URL(current);
      } catch {
        throw refuse(url, 'it is not a valid URL');
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw refuse(url, `${parsed.protocol} URLs are not fetched`);
      const host = parsed.hostname.replace(/^\[|\]$/g, '');
      if (
        !options.allowPrivateNetwork &&
        (host === 'localhost' || host.endsWith('.localhost') || (/^[\d.:a-f]+$/i.test(host) && isPrivateAddress(host)))
      ) {
        throw refuse(url, 'it points at a private or loopback address');
      }
      const response = await request(current, { method: 'GET', dispatcher, signal, headers: { accept: '*/*' } }).catch((error: unknown) => {
        if (InvalidRequestError.isInstance(error)) throw error;
        const cause = (error as { cause?: unknown }).cause;
        if (InvalidRequestError.isInstance(cause)) throw cause;
        throw refuse(url, timeout.aborted ? 'it took too long' : (error as Error).message);
      });
      const location = response.headers.location;
      if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
        await response.body.dump();
        if (redirects >= (options.maxRedirects ?? 3)) throw refuse(url, 'too many redirects');
        current = new URL(location, current).toString();
        continue;
      }
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw refuse(url, `the server answered ${response.statusCode}`);
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        discard(response.body);
        throw refuse(url, `it is larger than ${maxBytes} bytes`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of response.body) {
          size += (chunk as Buffer).byteLength;
          if (size > maxBytes) {
            discard(response.body);
            throw refuse(url, `it is larger than ${maxBytes} bytes`);
          }
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        if (InvalidRequestError.isInstance(error)) throw error;
        throw refuse(url, timeout.aborted ? 'it took too long' : (error as Error).message);
      }
      const contentType = response.headers['content-type'];
      const mediaType = typeof contentType === 'string' ? contentType.split(';')[0]?.trim().toLowerCase() : undefined;
      const data = Buffer.concat(chunks);
      return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), mediaType: mediaType || undefined };
    }
  } finally {
    void dispatcher.close().catch(() => undefined);
  }
}
