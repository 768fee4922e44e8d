// A third-party provider plugin, as a package outside the monorepo would ship it.
import { definePlugin, UpstreamError } from '@modelgate/core';
import { z } from 'zod';

const settingsSchema = z.strictObject({
  greeting: z.string().default('echo'),
  fail_times: z.number().int().min(0).default(0),
});

function lastText(request) {
  const last = request.messages[request.messages.length - 1];
  return last.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

export default definePlugin({
  kind: 'provider',
  name: 'echo',
  specificationVersion: 'v1',
  settingsSchema,
  create(settings, context) {
    let failures = 0;
    const calls = [];
    const chat = (modelId) => ({
      specificationVersion: 'v1',
      provider: context.instanceName,
      modelId,
      async generate(request) {
        calls.push({ modelId, request });
        if (failures < settings.fail_times) {
          failures += 1;
          throw new UpstreamError('temporarily down', { upstreamStatus: 503, provider: context.instanceName, model: modelId });
        }
        return {
          response: {
            content: [{ type: 'text', text: `${settings.greeting}: ${lastText(request)}` }],
            finishReason: { unified: 'stop', raw: 'stop' },
            usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
            metadata: { id: 'chatcmpl-echo', model: modelId, created: 0 },
            warnings: [],
          },
        };
      },
      async stream(request) {
        calls.push({ modelId, request });
        const words = `${settings.greeting} ${lastText(request)}`.split(' ');
        async function* parts() {
          yield { type: 'stream-start', warnings: [] };
          yield { type: 'response-metadata', id: 'c', model: modelId, created: 0 };
          yield { type: 'text-start', id: 't' };
          for (const word of words) yield { type: 'text-delta', id: 't', delta: word };
          yield { type: 'text-end', id: 't' };
          yield {
            type: 'finish',
            finishReason: { unified: 'stop', raw: 'stop' },
            usage: { inputTokens: 1, outputTokens: words.length, totalTokens: 1 + words.length },
          };
        }
        return { parts: parts() };
      },
    });
    return { specificationVersion: 'v1', name: context.instanceName, chat, calls };
  },
});
