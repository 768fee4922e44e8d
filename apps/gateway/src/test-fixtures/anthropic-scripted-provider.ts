import {
  definePlugin,
  type ChatRequestV1,
  type ChatResponseV1,
  type ChatStreamPartV1,
  type NativeChatRequestV1,
  type NativeStreamPartV1,
  type ProviderV1,
} from '@modelgate/core';
import { z } from 'zod';

/** What the provider received: native bodies as given, canonical requests as decoded. */
export const anthropicScriptedCalls: { native: NativeChatRequestV1[]; canonical: ChatRequestV1[]; counted: ChatRequestV1[] } = {
  native: [],
  canonical: [],
  counted: [],
};

/** The Anthropic message the native path answers with, as an Anthropic upstream would send it. */
export const nativeMessage = {
  id: 'msg_01NativeUpstream',
  type: 'message',
  role: 'assistant',
  model: 'claude-upstream-1',
  content: [{ type: 'text', text: 'Forwarded as sent.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
};

/** The events of the native stream, names and data exactly as an Anthropic upstream sends them. */
export const nativeEvents: Array<{ event: string; data: string }> = [
  {
    event: 'message_start',
    data: JSON.stringify({
      type: 'message_start',
      message: { ...nativeMessage, content: [], stop_reason: null, usage: { input_tokens: 12, output_tokens: 1 } },
    }),
  },
  { event: 'ping', data: '{"type": "ping"}' },
  { event: 'content_block_start', data: '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}' },
  { event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Forwarded "}}' },
  { event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"as sent."}}' },
  { event: 'content_block_stop', data: '{"type":"content_block_stop","index":0}' },
  {
    event: 'message_delta',
    data: '{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":4}}',
  },
  { event: 'message_stop', data: '{"type":"message_stop"}' },
];

/** The canonical answer of the `thinker` model: signed reasoning, a redacted block, text and a tool call. */
const thinkerResponse: ChatResponseV1 = {
  content: [
    { type: 'reasoning', text: 'The user wants the weather.', signature: 'sig-thinker' },
    { type: 'reasoning', text: '', redactedData: 'redacted-blob' },
    { type: 'text', text: 'Checking.' },
    { type: 'tool-call', toolCallId: 'toolu_thinker', toolName: 'get_weather', input: '{"city":"Paris"}' },
  ],
  finishReason: { unified: 'tool-calls', raw: 'tool_use' },
  usage: { inputTokens: 30, outputTokens: 9, totalTokens: 39, cacheWriteTokens: 20 },
  metadata: { id: 'msg_thinker', model: 'thinker' },
  warnings: [],
};

function thinkerParts(): ChatStreamPartV1[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', id: 'msg_thinker', model: 'thinker' },
    { type: 'reasoning-start', id: 'r0' },
    { type: 'reasoning-delta', id: 'r0', delta: 'The user wants ' },
    { type: 'reasoning-delta', id: 'r0', delta: 'the weather.' },
    { type: 'reasoning-signature', id: 'r0', signature: 'sig-thinker' },
    { type: 'reasoning-end', id: 'r0' },
    { type: 'reasoning-start', id: 'r1', redactedData: 'redacted-blob' },
    { type: 'reasoning-end', id: 'r1' },
    { type: 'text-start', id: 't2' },
    { type: 'text-delta', id: 't2', delta: 'Checking.' },
    { type: 'text-end', id: 't2' },
    { type: 'tool-input-start', id: 'toolu_thinker', toolName: 'get_weather' },
    { type: 'tool-input-delta', id: 'toolu_thinker', delta: '{"city":' },
    { type: 'tool-input-delta', id: 'toolu_thinker', delta: '"Paris"}' },
    { type: 'tool-input-end', id: 'toolu_thinker' },
    { type: 'tool-call', toolCallId: 'toolu_thinker', toolName: 'get_weather', input: '{"city":"Paris"}' },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage: thinkerResponse.usage! },
  ];
}

async function* iterate<Part>(parts: readonly Part[]): AsyncGenerator<Part> {
  for (const part of parts) yield part;
}

/**
 * An in-process provider for the `/v1/messages` tests. Model `native` forwards Anthropic Messages
 * natively (it records the body it got and answers with `nativeMessage` / `nativeEvents`) and counts
 * tokens itself; model `thinker` has no native path and answers canonically with signed reasoning.
 */
export const anthropicScriptedProviderPlugin = definePlugin({
  kind: 'provider',
  name: 'anthropic-scripted',
  specificationVersion: 'v1',
  settingsSchema: z.strictObject({}),
  create(_settings, context): ProviderV1 {
    return {
      specificationVersion: 'v1',
      name: context.instanceName,
      chat: (modelId) => ({
        specificationVersion: 'v1',
        provider: context.instanceName,
        modelId,
        nativePath(format) {
          if (modelId !== 'native' || format !== 'anthropic-messages') return undefined;
          return {
            format,
            async generate(request) {
              anthropicScriptedCalls.native.push(request);
              return {
                body: JSON.stringify(nativeMessage),
                finishReason: { unified: 'stop', raw: 'end_turn' },
                usage: { inputTokens: 12, outputTokens: 4, totalTokens: 16 },
              };
            },
            async stream(request) {
              anthropicScriptedCalls.native.push(request);
              const parts: NativeStreamPartV1[] = [
                ...nativeEvents.map((event) => ({ type: 'event' as const, ...event })),
                {
                  type: 'finish',
                  finishReason: { unified: 'stop', raw: 'end_turn' },
                  usage: { inputTokens: 12, outputTokens: 4, totalTokens: 16 },
                },
              ];
              return { parts: iterate(parts) };
            },
          };
        },
        async generate(request) {
          anthropicScriptedCalls.canonical.push(request);
          return { response: thinkerResponse };
        },
        async stream(request) {
          anthropicScriptedCalls.canonical.push(request);
          return { parts: iterate(thinkerParts()) };
        },
        ...(modelId === 'native'
          ? {
              async countTokens(request: ChatRequestV1) {
                anthropicScriptedCalls.counted.push(request);
                return { inputTokens: 4242, source: 'provider' as const };
              },
            }
          : {}),
      }),
    };
  },
});
