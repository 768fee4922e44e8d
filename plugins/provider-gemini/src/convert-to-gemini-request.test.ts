import type { ChatRequestV1 } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { convertToGeminiRequest } from './convert-to-gemini-request.js';

const options = {
  provider: 'gemini',
  modelId: 'gemini-3-flash-preview',
  fetchMedia: async () => ({ data: new Uint8Array(), mediaType: 'image/png' }),
  filesBaseURL: 'https://generativelanguage.googleapis.com/v1beta',
};
const request: ChatRequestV1 = { model: 'alias', messages: [{ role: 'user', content: [{ type: 'text', text: 'Go.' }] }] };

describe('convertToGeminiRequest thinkingConfig', () => {
  it("keeps Google's dynamic budget (-1) alone, without the effort core derived from it for other backends", async () => {
    const body = await convertToGeminiRequest(
      { ...request, reasoning: { effort: 'medium' }, providerOptions: { google: { thinkingConfig: { thinkingBudget: -1 } } } },
      options,
      [],
    );
    expect(body.generationConfig?.thinkingConfig).toEqual({ thinkingBudget: -1 });
  });

  it('merges other Google thinking fields into the config made from the effort', async () => {
    const body = await convertToGeminiRequest(
      { ...request, reasoning: { effort: 'low' }, providerOptions: { google: { thinkingConfig: { includeThoughts: false } } } },
      options,
      [],
    );
    expect(body.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: 'low', includeThoughts: false });
  });
});
