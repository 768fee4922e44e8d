import type { ChatRequestV1, WarningV1 } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { convertToOpenAICompatibleChatBody } from './convert-to-openai-compatible-chat-body.js';

const messages: ChatRequestV1['messages'] = [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }];

function convert(request: ChatRequestV1, provider = 'groq'): { body: Record<string, unknown>; warnings: WarningV1[] } {
  const warnings: WarningV1[] = [];
  const body = convertToOpenAICompatibleChatBody(request, { provider, quirks: {} }, warnings);
  return { body, warnings };
}

describe('convertToOpenAICompatibleChatBody', () => {
  it('maps typed settings to their wire fields', () => {
    const { body, warnings } = convert({
      model: 'smart',
      messages,
      maxOutputTokens: 100,
      temperature: 0.5,
      topP: 0.9,
      stopSequences: ['END'],
      seed: 3,
      responseFormat: { type: 'json-schema', name: 'answer', schema: { type: 'object' }, strict: true },
      tools: [{ type: 'function', name: 'get_weather', inputSchema: { type: 'object', properties: {} } }],
      toolChoice: { type: 'tool', toolName: 'get_weather' },
      parallelToolCalls: false,
      reasoning: { effort: 'low' },
      user: 'user-1',
    });
    expect(body).toEqual({
      model: 'smart',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 100,
      temperature: 0.5,
      top_p: 0.9,
      stop: ['END'],
      seed: 3,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      reasoning_effort: 'low',
      user: 'user-1',
    });
    expect(warnings).toEqual([]);
  });

  it("sends providerOptions.openai and providerOptions.<instance>, never another provider's options", () => {
    const { body, warnings } = convert({
      model: 'smart',
      messages,
      providerOptions: {
        openai: { logprobs: true, service_tier: 'flex' },
        groq: { service_tier: 'on_demand', reasoning_format: 'parsed' },
        anthropic: { thinking: { type: 'enabled', budget_tokens: 1024 } },
        'my-vllm': { guided_choice: ['a', 'b'] },
      },
    });
    expect(body).toEqual({
      model: 'smart',
      messages: [{ role: 'user', content: 'Hi' }],
      logprobs: true,
      // The instance's own options come last and win over the family's.
      service_tier: 'on_demand',
      reasoning_format: 'parsed',
    });
    expect(body).not.toHaveProperty('thinking');
    expect(body).not.toHaveProperty('guided_choice');
    expect(warnings).toEqual([]);
  });

  it('reads providerOptions.openai once for the openai instance itself', () => {
    const { body } = convert({ model: 'smart', messages, providerOptions: { openai: { store: true }, anthropic: { top_k: 5 } } }, 'openai');
    expect(body).toEqual({ model: 'smart', messages: [{ role: 'user', content: 'Hi' }], store: true });
  });

  it('asks for one choice and warns when providerOptions ask for n > 1', () => {
    const several = convert({ model: 'smart', messages, providerOptions: { openai: { n: 3 } } });
    expect(several.body).not.toHaveProperty('n');
    expect(several.warnings).toEqual([
      { type: 'unsupported-setting', setting: 'providerOptions.openai.n', message: expect.stringContaining('n > 1') },
    ]);
    const one = convert({ model: 'smart', messages, providerOptions: { openai: { n: 1 } } });
    expect(one.body.n).toBe(1);
    expect(one.warnings).toEqual([]);
  });

  it('warns on a reasoning token budget and sends no reasoning field for it', () => {
    const { body, warnings } = convert({ model: 'smart', messages, reasoning: { budgetTokens: 2048 } });
    expect(body).toEqual({ model: 'smart', messages: [{ role: 'user', content: 'Hi' }] });
    expect(warnings).toEqual([
      { type: 'unsupported-setting', setting: 'reasoning.budgetTokens', message: expect.stringContaining('budget') },
    ]);
  });

  it('uses the host-preferred token-limit field', () => {
    const warnings: WarningV1[] = [];
    const body = convertToOpenAICompatibleChatBody(
      { model: 'smart', messages, maxOutputTokens: 7 },
      { provider: 'openai', quirks: { maxTokensField: 'max_completion_tokens' } },
      warnings,
    );
    expect(body).toEqual({ model: 'smart', messages: [{ role: 'user', content: 'Hi' }], max_completion_tokens: 7 });
  });
});
