import { describe, expect, it } from 'vitest';
import { estimateInputTokens, mediaTokenEstimate } from './estimate-input-tokens.js';

describe('estimateInputTokens', () => {
  it('counts text with the o200k tokenizer plus framing per message', async () => {
    // "Hello world" is two o200k tokens; each message adds three of framing.
    expect(await estimateInputTokens({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello world' }] }] })).toBe(
      5,
    );
    expect(
      await estimateInputTokens({
        model: 'm',
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Hello world' }] },
          { role: 'user', content: [{ type: 'text', text: 'Hello world' }] },
        ],
      }),
    ).toBe(10);
  });

  it('counts media flat, tool calls, results and tool definitions by their text', async () => {
    const withImage = await estimateInputTokens({
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }] }],
    });
    expect(withImage).toBe(3 + mediaTokenEstimate);
    const plain = { model: 'm', messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }] };
    const withTools = await estimateInputTokens({
      ...plain,
      tools: [{ type: 'function', name: 'get_weather', description: 'The weather of a city', inputSchema: { type: 'object' } }],
    });
    expect(withTools).toBeGreaterThan((await estimateInputTokens(plain)) + 5);
  });

  it('counts special-token text as ordinary text instead of refusing it', async () => {
    const count = await estimateInputTokens({
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'text', text: '<|endoftext|>' }] }],
    });
    expect(count).toBeGreaterThan(3 + 1);
  });
});
