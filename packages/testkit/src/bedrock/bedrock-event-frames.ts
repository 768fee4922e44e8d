import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** A ConverseStream event or exception before framing: its name and its JSON payload. */
export interface BedrockStreamEvent {
  name: string;
  payload: Record<string, unknown>;
  /** `exception` for the stream's error events (`throttlingException`, `modelStreamErrorException`…). */
  messageType?: 'event' | 'exception';
}

/**
 * One frame of `application/vnd.amazon.eventstream` as Bedrock writes it: prelude and message CRCs,
 * string headers `:event-type` (or `:exception-type`), `:content-type` and `:message-type`, and the
 * JSON payload with Bedrock's padding field `p`.
 */
export function encodeBedrockFrame(event: BedrockStreamEvent): Uint8Array {
  const messageType = event.messageType ?? 'event';
  const nameHeader = messageType === 'exception' ? ':exception-type' : ':event-type';
  const payload = messageType === 'exception' ? event.payload : { ...event.payload, p: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ'.slice(0, 8) };
  return codec.encode({
    headers: {
      [nameHeader]: { type: 'string', value: event.name },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: messageType },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}
