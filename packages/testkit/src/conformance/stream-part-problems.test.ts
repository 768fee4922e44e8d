import type { ChatStreamPartV1 } from '@modelgate/core';
import { UpstreamError } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { streamPartProblems } from './stream-part-problems.js';

const finish: ChatStreamPartV1 = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } };

describe('streamPartProblems', () => {
  it('accepts interleaved blocks, a whole tool call, and one finish at the end', () => {
    expect(
      streamPartProblems([
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't' },
        { type: 'tool-input-start', id: 'call_1', toolName: 'search' },
        { type: 'text-delta', id: 't', delta: 'Hi' },
        { type: 'tool-input-delta', id: 'call_1', delta: '{}' },
        { type: 'tool-input-end', id: 'call_1' },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'search', input: '{}' },
        { type: 'tool-call', toolCallId: 'call_2', toolName: 'search', input: '{}' },
        { type: 'text-end', id: 't' },
        finish,
      ]),
    ).toEqual([]);
  });

  it('accepts an error that cuts a block short', () => {
    expect(
      streamPartProblems([
        { type: 'text-start', id: 't' },
        { type: 'error', error: new UpstreamError('dropped') },
      ]),
    ).toEqual([]);
  });

  it('names each breach', () => {
    expect(
      streamPartProblems([
        { type: 'text-delta', id: 't', delta: 'early' },
        { type: 'text-start', id: 'u' },
        { type: 'text-end', id: 'u' },
        { type: 'text-start', id: 'u' },
        { type: 'tool-input-start', id: 'call_1', toolName: 'search' },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'search', input: '{}' },
        finish,
        finish,
      ]),
    ).toEqual([
      'part 0 (text-delta) has no open text block "t" (started: false).',
      'part 3 (text-start) reuses the text block id "u".',
      'part 5 (tool-call) "call_1" comes before its tool-input-end.',
      'part 6 (finish) comes while block text:u is still open.',
      'part 6 (finish) comes while block tool-input:call_1 is still open.',
      'part 7 (finish) comes after the finish at part 6.',
    ]);
    expect(streamPartProblems([{ type: 'text-start', id: 't' }])).toEqual(['The stream has no finish or error part (1 parts).']);
  });
});
