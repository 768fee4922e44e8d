import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseServerSentEvents, ServerSentEventParser, type ServerSentEvent } from './server-sent-event-parser.js';

const encoder = new TextEncoder();

function parseAll(...chunks: (string | Uint8Array)[]): ServerSentEvent[] {
  const parser = new ServerSentEventParser();
  const events = chunks.flatMap((chunk) => parser.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk));
  parser.end();
  return events;
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('ServerSentEventParser', () => {
  it('parses OpenAI-style data events and [DONE]', () => {
    expect(parseAll('data: {"a":1}\n\ndata: [DONE]\n\n')).toEqual([{ data: '{"a":1}' }, { data: '[DONE]' }]);
  });

  it('accepts LF, CRLF and CR line ends, mixed', () => {
    expect(parseAll('data: a\r\n\r\ndata: b\r\rdata: c\n\n')).toEqual([{ data: 'a' }, { data: 'b' }, { data: 'c' }]);
  });

  it('joins multi-line data with \\n and keeps an empty data line', () => {
    expect(parseAll('data: one\ndata:two\ndata\ndata:  three\n\n')).toEqual([{ data: 'one\ntwo\n\n three' }]);
  });

  it('reads event, id (kept for later events) and retry', () => {
    const parser = new ServerSentEventParser();
    const events = parser.push(encoder.encode('event: message_start\nid: 7\nretry: 1500\ndata: x\n\nevent: ping\ndata: y\n\n'));
    expect(events).toEqual([
      { event: 'message_start', id: '7', retry: 1500, data: 'x' },
      { event: 'ping', id: '7', data: 'y' },
    ]);
    expect(parser.reconnectionTime).toBe(1500);
  });

  it('ignores comments, unknown fields, a non-numeric retry and an id with NUL', () => {
    expect(parseAll(': keep-alive\n\n: OPENROUTER PROCESSING\n\nfoo: bar\nretry: 1s\nid: a\0b\ndata: z\n\n')).toEqual([{ data: 'z' }]);
  });

  it('does not dispatch a block without data, and resets the event type after it', () => {
    expect(parseAll('event: lonely\n\ndata: after\n\n')).toEqual([{ data: 'after' }]);
  });

  it('strips a leading BOM, even split across chunks', () => {
    const bytes = encoder.encode('\uFEFFdata: x\n\n');
    expect(parseAll(bytes.slice(0, 1), bytes.slice(1, 2), bytes.slice(2))).toEqual([{ data: 'x' }]);
  });

  it('handles a CRLF split between two chunks as one line end', () => {
    expect(parseAll('data: a\r', '\n\r', '\ndata: b\r\n\r\n')).toEqual([{ data: 'a' }, { data: 'b' }]);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const bytes = encoder.encode('data: héllo 👋 世界\n\n');
    const events = parseAll(...Array.from(bytes, (byte) => Uint8Array.of(byte)));
    expect(events).toEqual([{ data: 'héllo 👋 世界' }]);
  });

  it('does not dispatch a final event without its blank line', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push(encoder.encode('data: complete\n\ndata: cut off\n'))).toEqual([{ data: 'complete' }]);
    expect(parser.end()).toBe(true);
  });

  it('end() reports a clean end', () => {
    const parser = new ServerSentEventParser();
    parser.push('data: x\n\n');
    expect(parser.end()).toBe(false);
  });

  it('parseServerSentEvents reads an async iterable of bytes', async () => {
    const events: ServerSentEvent[] = [];
    for await (const event of parseServerSentEvents(from([encoder.encode('data: 1\n'), encoder.encode('\ndata: 2\n\n')]))) {
      events.push(event);
    }
    expect(events.map((event) => event.data)).toEqual(['1', '2']);
  });

  it('parseServerSentEvents returns the source when the consumer stops early', async () => {
    let returned = false;
    const source: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]() {
        return {
          next: async () => ({ done: false, value: encoder.encode('data: x\n\n') }),
          return: async () => {
            returned = true;
            return { done: true, value: undefined };
          },
        };
      },
    };
    for await (const event of parseServerSentEvents(source)) {
      expect(event.data).toBe('x');
      break;
    }
    expect(returned).toBe(true);
  });

  it('gives the same events however a valid stream is split (property)', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ':', 'é', '世', '😀', '{', '"'), maxLength: 12 });
    const eventArbitrary = fc.record(
      {
        event: fc.option(fc.stringMatching(/^[a-z_]{1,8}$/), { nil: undefined }),
        id: fc.option(fc.stringMatching(/^[a-z0-9]{1,6}$/), { nil: undefined }),
        data: fc.array(line, { minLength: 1, maxLength: 3 }),
        comment: fc.boolean(),
      },
      { requiredKeys: ['data', 'comment'] },
    );
    const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { minLength: 1, maxLength: 6 }),
        lineEnd,
        fc.array(fc.nat(), { maxLength: 12 }),
        (events, end, cutPoints) => {
          let text = '';
          for (const event of events) {
            if (event.comment) text += `: keep-alive${end}`;
            if (event.event !== undefined) text += `event: ${event.event}${end}`;
            if (event.id !== undefined) text += `id: ${event.id}${end}`;
            for (const dataLine of event.data) text += `data: ${dataLine}${end}`;
            text += end;
          }
          const bytes = encoder.encode(text);
          const whole = parseAll(bytes);
          const cuts = [...new Set(cutPoints.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
          const pieces: Uint8Array[] = [];
          let start = 0;
          for (const cut of [...cuts, bytes.length]) {
            pieces.push(bytes.slice(start, cut));
            start = cut;
          }
          expect(parseAll(...pieces)).toEqual(whole);
          expect(whole.map((event) => event.data)).toEqual(events.map((event) => event.data.join('\n')));
          expect(whole.map((event) => event.event)).toEqual(events.map((event) => event.event));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('ServerSentEventParser with large events', () => {
  it('assembles a 2 MB single-line event from 4 KB chunks', () => {
    const payload = 'x'.repeat(2 * 1024 * 1024);
    const bytes = encoder.encode(`data: ${payload}\n\ndata: after\n\n`);
    const parser = new ServerSentEventParser();
    const events: ServerSentEvent[] = [];
    for (let offset = 0; offset < bytes.length; offset += 4096) events.push(...parser.push(bytes.subarray(offset, offset + 4096)));
    expect(events).toHaveLength(2);
    expect(events[0]!.data.length).toBe(payload.length);
    expect(events[1]!.data).toBe('after');
  });
});
