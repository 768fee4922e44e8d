// A third-party provider plugin, as a package outside the monorepo would ship it.
import { definePlugin, UpstreamError } from '@modelgate/core';
import { z } from 'zod';

const settingsSchema = z.strictObject({
  greeting: z.string().default('echo'),
  fail_times: z.number().int().min(0).default(0),
});

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
        const last = request.messages[request.messages.length - 1];
        return {
          response: {
            id: 'chatcmpl-echo',
            object: 'chat.completion',
            created: 0,
            model: modelId,
            choices: [{ index: 0, message: { role: 'assistant', content: `${settings.greeting}: ${last.content}` }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          },
        };
      },
      async stream(request) {
        calls.push({ modelId, request });
        const words = `${settings.greeting} ${request.messages.at(-1).content}`.split(' ');
        async function* events() {
          for (const word of words) {
            yield { type: 'chunk', chunk: { id: 'c', object: 'chat.completion.chunk', created: 0, model: modelId, choices: [{ index: 0, delta: { content: word }, finish_reason: null }] } };
          }
          yield { type: 'chunk', chunk: { id: 'c', object: 'chat.completion.chunk', created: 0, model: modelId, choices: [], usage: { prompt_tokens: 1, completion_tokens: words.length, total_tokens: 1 + words.length } } };
          yield { type: 'finish', usage: { prompt_tokens: 1, completion_tokens: words.length, total_tokens: 1 + words.length } };
        }
        return { events: events() };
      },
    });
    return { specificationVersion: 'v1', name: context.instanceName, chat, calls };
  },
});
