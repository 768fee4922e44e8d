import { describe, expect, it } from 'vitest';
import { isMistralToolCallId, MistralToolCallIds } from './mistral-tool-call-ids.js';

describe('MistralToolCallIds', () => {
  it('keeps ids Mistral made and maps every other id to 9 letters and digits, the same way on every turn', () => {
    const conversation = ['call_abc123def456', 'toolu_01A09q90qw90lq917835lq9', 'aB3dE5fG7', 'call_abc123def456'];
    const first = new MistralToolCallIds(conversation);
    const mapped = conversation.map((id) => first.toMistral(id));
    expect(mapped.every(isMistralToolCallId)).toBe(true);
    expect(mapped[2]).toBe('aB3dE5fG7');
    expect(mapped[0]).toBe(mapped[3]);
    expect(new Set(mapped).size).toBe(3);
    // The next turn (the conversation grew) maps the earlier ids the same way.
    const next = new MistralToolCallIds([...conversation, 'call_new']);
    expect(conversation.map((id) => next.toMistral(id))).toEqual(mapped);
    // And back: the client gets its own ids again; Mistral's own pass through.
    expect(mapped.map((id) => first.fromMistral(id))).toEqual(conversation);
    expect(first.fromMistral('zZ9yY8xX7')).toBe('zZ9yY8xX7');
  });

  it('never maps two ids to one, even when a hash is taken by a kept id', () => {
    const probe = new MistralToolCallIds(['call_x']);
    const taken = probe.toMistral('call_x');
    const ids = new MistralToolCallIds([taken, 'call_x']);
    expect(ids.toMistral(taken)).toBe(taken);
    expect(ids.toMistral('call_x')).not.toBe(taken);
    expect(isMistralToolCallId(ids.toMistral('call_x'))).toBe(true);
  });

  it('tells valid ids: exactly 9 characters of a-z, A-Z, 0-9', () => {
    expect(['abcdefghi', 'ABC123xyz'].map(isMistralToolCallId)).toEqual([true, true]);
    expect(['abcdefgh', 'abcdefghij', 'call_abcd', 'abc-defgh', ''].map(isMistralToolCallId)).toEqual([false, false, false, false, false]);
  });
});
