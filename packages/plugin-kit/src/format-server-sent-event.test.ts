import { describe, expect, it } from 'vitest';
import { doneSentinel, formatServerSentEvent, formatServerSentEventComment } from './format-server-sent-event.js';
import { ServerSentEventParser } from './server-sent-event-parser.js';

describe('formatServerSentEvent', () => {
  it('writes one data line and the blank line', () => {
    expect(formatServerSentEvent('{"a":1}')).toBe('data: {"a":1}\n\n');
    expect(formatServerSentEvent(doneSentinel)).toBe('data: [DONE]\n\n');
  });

  it('writes the event line first and splits multi-line data', () => {
    expect(formatServerSentEvent('a\nb\r\nc', 'message_delta')).toBe('event: message_delta\ndata: a\ndata: b\ndata: c\n\n');
  });

  it('round-trips through the parser', () => {
    const parser = new ServerSentEventParser();
    const text = formatServerSentEvent('x\ny', 'ping') + formatServerSentEventComment('keep-alive') + formatServerSentEvent('z');
    expect(parser.push(text)).toEqual([{ event: 'ping', data: 'x\ny' }, { data: 'z' }]);
  });

  it('cannot be broken by a newline in the event name or comment', () => {
    expect(formatServerSentEvent('x', 'a\nb')).toBe('event: ab\ndata: x\n\n');
    expect(formatServerSentEventComment('a\nb')).toBe(': a b\n\n');
  });
});
