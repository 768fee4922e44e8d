import type { ChatRequestV1, ChatStreamPartV1 } from '@modelgate/core';
import { startMockAnthropic, type MockAnthropicServer } from '@modelgate/testkit';
import type { AnthropicProvider } from '../anthropic-provider.js';
import { createAnthropicProvider, type AnthropicProviderOptions } from '../create-anthropic-provider.js';

export const testApiKey = 'sk-ant-test-0123456789abcdef';

export interface AnthropicFixture {
  mock: MockAnthropicServer;
  provider: AnthropicProvider;
  /** The parsed body of the `index`-th request the mock received (the last by default). */
  sent(index?: number): Record<string, unknown>;
  close(): Promise<void>;
}

/** A mock Anthropic upstream and a provider pointed at it. */
export async function startAnthropicFixture(options: AnthropicProviderOptions = {}): Promise<AnthropicFixture> {
  const mock = await startMockAnthropic({ apiKey: testApiKey });
  const provider = createAnthropicProvider({ baseURL: mock.url, apiKey: testApiKey, ...options });
  return {
    mock,
    provider,
    sent: (index) => {
      const request = index === undefined ? mock.requests.at(-1) : mock.requests[index];
      return request?.body as Record<string, unknown>;
    },
    close: async () => {
      await provider.close();
      await mock.close();
    },
  };
}

export function userText(text: string): ChatRequestV1['messages'][number] {
  return { role: 'user', content: [{ type: 'text', text }] };
}

export function request(overrides: Partial<ChatRequestV1> = {}): ChatRequestV1 {
  return { model: 'client-alias', messages: [userText('Hello?')], ...overrides };
}

export async function collect(parts: AsyncIterable<ChatStreamPartV1>): Promise<ChatStreamPartV1[]> {
  const collected: ChatStreamPartV1[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}
