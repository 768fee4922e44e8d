import { StringDecoder } from 'node:string_decoder';
/** One dispatched server-sent event. */
export interface ServerSentEvent {
  /** The `data:` lines of the event, joined with `\n`. */
  data: string;
  /** The `event:` field; absent means the default type, `message`. */
  event?: string;
  /** The last event id of the stream (it carries over to later events, as the spec says). */
  id?: string;
  /** The `retry:` field of this event's block, in milliseconds. */
  retry?: number;
}

const lineFeed = 10;
const colon = 58;
const space = 32;

/**
 * An incremental parser of `text/event-stream`, after the WHATWG HTML spec (§9.2.6): LF, CR and CRLF
 * line ends (also split across chunks), multi-line `data:`, `event:`, `id:`, `retry:`, comment lines,
 * a leading BOM, and UTF-8 characters split across chunks. An event is dispatched on a blank line
 * only; an unterminated event at the end of the stream is discarded, as the spec requires.
 */
export class ServerSentEventParser {
  /** Node's StringDecoder: several times cheaper per chunk than TextDecoder in streaming mode. */
  private readonly decoder = new StringDecoder('utf8');
  /** Nothing decoded yet: a leading byte order mark is still to be dropped. */
  private atStart = true;
  /** The unterminated tail of earlier chunks, in parts: never searched again, joined once. */
  private pending: string[] = [];
  /** The last chunk ended with CR: an LF that starts the next one belongs to it. */
  private skipLineFeed = false;
  /** The event's `data:` lines joined with `\n`; undefined before its first one. One line stays a slice of the chunk, never copied. */
  private data: string | undefined;
  private eventType: string | undefined;
  private lastEventId: string | undefined;
  private retry: number | undefined;

  /** The reconnection time the stream asked for with `retry:`, if any. */
  reconnectionTime: number | undefined;

  /** Feeds bytes (or already decoded text) and returns the events completed by them. */
  push(chunk: Uint8Array | string): ServerSentEvent[] {
    let text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const events: ServerSentEvent[] = [];
    if (text.length === 0) return events;
    let position = 0;
    if (this.skipLineFeed) {
      this.skipLineFeed = false;
      if (text.charCodeAt(0) === lineFeed) position = 1;
    }
    // -2: not searched yet; -1: none left in this chunk. Only the new text is searched.
    let nextLineFeed = -2;
    let nextCarriageReturn = -2;
    while (position < text.length) {
      if (nextLineFeed !== -1 && nextLineFeed < position) nextLineFeed = text.indexOf('\n', position);
      if (nextCarriageReturn !== -1 && nextCarriageReturn < position) nextCarriageReturn = text.indexOf('\r', position);
      if (nextLineFeed === -1 && nextCarriageReturn === -1) break;
      let end: number;
      let next: number;
      if (nextCarriageReturn === -1 || (nextLineFeed !== -1 && nextLineFeed < nextCarriageReturn)) {
        end = nextLineFeed;
        next = end + 1;
      } else {
        end = nextCarriageReturn;
        if (end + 1 < text.length) {
          next = text.charCodeAt(end + 1) === lineFeed ? end + 2 : end + 1;
        } else {
          next = end + 1;
          this.skipLineFeed = true;
        }
      }
      let line = text.slice(position, end);
      if (this.pending.length > 0) {
        this.pending.push(line);
        line = this.pending.join('');
        this.pending = [];
      }
      this.processLine(line, events);
      position = next;
    }
    if (position < text.length) this.pending.push(position === 0 ? text : text.slice(position));
    return events;
  }

  /**
   * Ends the stream. An event that was not closed by a blank line is discarded (the spec's rule);
   * returns whether such an incomplete event was pending.
   */
  end(): boolean {
    const rest = this.decoder.end();
    const incomplete = this.pending.length > 0 || rest.length > 0 || this.data !== undefined;
    this.pending = [];
    this.atStart = true;
    this.skipLineFeed = false;
    this.data = undefined;
    this.eventType = undefined;
    this.retry = undefined;
    return incomplete;
  }

  private processLine(line: string, events: ServerSentEvent[]): void {
    if (line.length === 0) {
      this.dispatch(events);
      return;
    }
    if (line.charCodeAt(0) === colon) return;
    const separator = line.indexOf(':');
    let field: string;
    let value: string;
    if (separator === -1) {
      field = line;
      value = '';
    } else {
      field = line.slice(0, separator);
      value = line.charCodeAt(separator + 1) === space ? line.slice(separator + 2) : line.slice(separator + 1);
    }
    switch (field) {
      case 'data':
        this.data = this.data === undefined ? value : `${this.data}\n${value}`;
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) {
          this.retry = Number(value);
          this.reconnectionTime = this.retry;
        }
        break;
      default:
        break;
    }
  }

  private dispatch(events: ServerSentEvent[]): void {
    const data = this.data;
    const eventType = this.eventType;
    const retry = this.retry;
    this.data = undefined;
    this.eventType = undefined;
    this.retry = undefined;
    if (data === undefined) return;
    const event: ServerSentEvent = { data };
    if (eventType !== undefined) event.event = eventType;
    if (this.lastEventId !== undefined) event.id = this.lastEventId;
    if (retry !== undefined) event.retry = retry;
    events.push(event);
  }
}

/**
 * Parses a byte stream (an undici body, a `ReadableStream`, any async iterable) into events.
 * Stopping the iteration early returns the source iterator, which destroys a Node stream.
 */
export async function* parseServerSentEvents(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<ServerSentEvent, void, undefined> {
  const parser = new ServerSentEventParser();
  for await (const chunk of source) {
    const events = parser.push(chunk);
    for (const event of events) yield event;
  }
  parser.end();
}
