import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/** One decoded frame of `application/vnd.amazon.eventstream`: its string headers and its JSON payload. */
export interface EventStreamMessage {
  /** `event` or `exception` (`:message-type`). */
  messageType: string;
  /** `:event-type` for events, `:exception-type` for exceptions. */
  name: string;
  payload: unknown;
}

/** A frame that is cut short, fails its CRC, or holds no JSON: the stream cannot be trusted past it. */
export class EventStreamFramingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStreamFramingError';
  }
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);
/** 12-byte prelude (total length, headers length, prelude CRC) plus the 4-byte message CRC. */
const frameOverhead = 16;
/** Bedrock frames are small; a larger announced length is garbage, not a frame to wait for. */
const maximumFrameBytes = 16 * 1024 * 1024;

function stringHeader(headers: Record<string, { type: string; value: unknown }>, name: string): string | undefined {
  const header = headers[name];
  return header?.type === 'string' && typeof header.value === 'string' ? header.value : undefined;
}

function decodeFrame(frame: Uint8Array): EventStreamMessage {
  let decoded: ReturnType<EventStreamCodec['decode']>;
  try {
    // Checks the prelude CRC and the message CRC.
    decoded = codec.decode(frame);
  } catch (error) {
    throw new EventStreamFramingError(`A corrupt event-stream frame: ${(error as Error).message}`, { cause: error });
  }
  const headers = decoded.headers as Record<string, { type: string; value: unknown }>;
  const messageType = stringHeader(headers, ':message-type') ?? 'event';
  const name =
    (messageType === 'exception' ? stringHeader(headers, ':exception-type') : stringHeader(headers, ':event-type')) ??
    stringHeader(headers, ':error-code') ??
    'unknown';
  const text = toUtf8(decoded.body);
  let payload: unknown;
  try {
    payload = text === '' ? {} : (JSON.parse(text) as unknown);
  } catch (error) {
    if (messageType !== 'event') payload = { message: text };
    else throw new EventStreamFramingError(`An event-stream frame "${name}" holds no JSON.`, { cause: error });
  }
  return { messageType, name, payload };
}

/**
 * The frames of a binary event stream, decoded as they complete. Network chunks do not line up with
 * frames, so bytes are buffered until the announced length is there; bytes left over at the end mean the
 * stream was cut short, which throws, as does any CRC mismatch.
 */
export async function* decodeEventStream(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<EventStreamMessage> {
  let buffer: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    buffer = buffer.length === 0 ? bytes : Buffer.concat([buffer, bytes]);
    while (buffer.length >= 4) {
      const total = buffer.readUInt32BE(0);
      if (total < frameOverhead || total > maximumFrameBytes) {
        throw new EventStreamFramingError(`An event-stream frame announced an impossible length of ${total} bytes.`);
      }
      if (buffer.length < total) break;
      const frame = new Uint8Array(buffer.buffer, buffer.byteOffset, total);
      buffer = buffer.subarray(total);
      yield decodeFrame(frame);
    }
  }
  if (buffer.length > 0) {
    throw new EventStreamFramingError(`The event stream ended inside a frame (${buffer.length} bytes left over).`);
  }
}
