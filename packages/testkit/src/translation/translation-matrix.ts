import type { ChatMessageV1, ChatRequestV1 } from '@modelgate/core';

/** One canonical request of the translation matrix; `name` keys its snapshot. */
export interface TranslationCase {
  name: string;
  request: ChatRequestV1;
}

const model = 'translation-client-alias';
const user = (text: string): ChatMessageV1 => ({ role: 'user', content: [{ type: 'text', text }] });
const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'The current weather in a city.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
};
const toolChoiceCase = (choice: NonNullable<ChatRequestV1['toolChoice']>): TranslationCase => ({
  name: `tool choice ${choice.type}`,
  request: { model, messages: [user('Weather in Oslo?')], tools: [weatherTool], toolChoice: choice },
});
/** A 1×1 transparent PNG. */
const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/**
 * Canonical requests every provider's tests send through the provider (`recordOutgoingBodies`) to
 * snapshot what goes upstream. Later provider issues extend the table; each provider snapshots all
 * of it, so a case it cannot carry shows as a rejection or a warning rather than as a silent change.
 */
export const translationMatrix: readonly TranslationCase[] = [
  {
    name: 'system and user text',
    request: {
      model,
      messages: [{ role: 'system', content: [{ type: 'text', text: 'You are terse.' }] }, user('Say hello.')],
    },
  },
  {
    name: 'multi-turn with an assistant tool call and its result',
    request: {
      model,
      messages: [
        user('Weather in Oslo and Lima?'),
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking both.' },
            { type: 'tool-call', toolCallId: 'call_oslo', toolName: 'get_weather', input: '{"city":"Oslo"}' },
            { type: 'tool-call', toolCallId: 'call_lima', toolName: 'get_weather', input: '{"city":"Lima"}' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call_oslo', toolName: 'get_weather', output: { type: 'json', value: { celsius: -3 } } },
            {
              type: 'tool-result',
              toolCallId: 'call_lima',
              toolName: 'get_weather',
              output: { type: 'text', value: 'unavailable' },
              isError: true,
            },
          ],
        },
      ],
      tools: [weatherTool],
    },
  },
  {
    name: 'image by URL',
    request: {
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' }, mediaType: 'image/png' },
          ],
        },
      ],
    },
  },
  {
    name: 'image as inline data',
    request: {
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'data', data: pixel }, mediaType: 'image/png', detail: 'low' },
            { type: 'text', text: 'Describe it.' },
          ],
        },
      ],
    },
  },
  {
    name: 'PDF file',
    request: {
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'file', source: { type: 'data', data: 'JVBERi0xLjQK' }, mediaType: 'application/pdf', filename: 'report.pdf' },
            { type: 'text', text: 'Summarise the report.' },
          ],
        },
      ],
    },
  },
  {
    name: 'reasoning with a signature and a redacted block',
    request: {
      model,
      messages: [
        user('What is 17 × 23?'),
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: '17 × 23 = 17 × 20 + 17 × 3 = 391.', signature: 'sig-abc123' },
            { type: 'reasoning', text: '', redactedData: 'redacted-opaque-xyz' },
            { type: 'text', text: '391' },
          ],
        },
        user('And 18 × 23?'),
      ],
      reasoning: { effort: 'medium', budgetTokens: 2048 },
    },
  },
  {
    name: 'JSON schema response format',
    request: {
      model,
      messages: [user('Give me a city.')],
      responseFormat: {
        type: 'json-schema',
        name: 'city',
        strict: true,
        schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
      },
    },
  },
  { name: 'JSON response format', request: { model, messages: [user('Any JSON object.')], responseFormat: { type: 'json' } } },
  toolChoiceCase({ type: 'auto' }),
  toolChoiceCase({ type: 'none' }),
  toolChoiceCase({ type: 'required' }),
  toolChoiceCase({ type: 'tool', toolName: 'get_weather' }),
  {
    name: 'sampling settings',
    request: {
      model,
      messages: [user('Write a haiku.')],
      maxOutputTokens: 100,
      temperature: 0.7,
      topP: 0.9,
      topK: 40,
      stopSequences: ['\n\n', 'END'],
      seed: 42,
      presencePenalty: 0.5,
      frequencyPenalty: -0.25,
    },
  },
  {
    name: 'provider options for two providers',
    request: {
      model,
      messages: [user('Hello.')],
      providerOptions: { openai: { logprobs: true, top_logprobs: 2 }, anthropic: { thinking: { type: 'enabled', budget_tokens: 1024 } } },
    },
  },
];
