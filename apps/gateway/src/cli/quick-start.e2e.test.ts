import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The built CLI (`pnpm build`) and the config `pnpm start` serves, as a newcomer runs them. */
const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const shippedConfig = fileURLToPath(new URL('../../../../config/gateway.yaml', import.meta.url));

let child: ChildProcess;
let stdout = '';
let client: OpenAI;

async function listeningPort(): Promise<number> {
  for (;;) {
    const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
    if (match) return Number(match[1]);
    if (child.exitCode !== null) throw new Error(`the CLI exited with ${child.exitCode}: ${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  // No provider key and no master key: only what a fresh machine has.
  child = spawn(process.execPath, [cliPath, 'serve', '--config', shippedConfig, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '' },
  });
  child.stdout!.on('data', (data: Buffer) => (stdout += data.toString()));
  const port = await listeningPort();
  client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'none', maxRetries: 0 });
}, 30_000);

afterAll(async () => {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

describe('the quick start with the shipped config and no provider key', () => {
  it('says on the first screen that the groups are served by the demo model', () => {
    expect(stdout).toContain('openai: no key — set OPENAI_API_KEY');
    expect(stdout).toContain('demo: no key needed');
    expect(stdout).toContain('smart → demo/demo-smart (1 more without credentials)');
    expect(stdout).toContain('fast → demo/demo-fast (2 more without credentials)');
  });

  it('answers the README curl request (model smart) from the demo model', async () => {
    const completion = await client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'Hello' }] });
    expect(completion.choices[0]?.message.content).toBe('Demo model (no upstream): you said "Hello"');
    expect(completion.model).toBe('demo-smart');
    expect(completion.usage).toMatchObject({ prompt_tokens: 1, completion_tokens: 7, total_tokens: 8 });
  });

  it('streams the README SDK request (model fast) word by word, with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'fast',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let usage: OpenAI.CompletionUsage | undefined | null;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas.join('')).toBe('Demo model (no upstream): you said "Hi"');
    expect(deltas.length).toBe(7);
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 1, completion_tokens: 7 });
  });

  it('calls a tool when asked, then answers the tool result', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
      },
    ];
    const asked: OpenAI.ChatCompletionMessageParam = { role: 'user', content: 'Use the tool for Lisbon' };
    const first = await client.chat.completions.create({ model: 'smart', messages: [asked], tools });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' ? [call.function.name, JSON.parse(call.function.arguments)] : call).toEqual([
      'get_weather',
      { city: 'Use the tool for Lisbon' },
    ]);
    const second = await client.chat.completions.create({
      model: 'smart',
      tools,
      messages: [asked, first.choices[0]!.message, { role: 'tool', tool_call_id: call!.id, content: 'sunny, 24 °C' }],
    });
    expect(second.choices[0]?.message.content).toBe('Demo model (no upstream): the tool get_weather returned sunny, 24 °C.');
  });

  it('lists the groups in /v1/models and embeds through the demo model', async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(expect.arrayContaining(['smart', 'fast', 'embeddings', 'demo']));
    const embedding = await client.embeddings.create({ model: 'embeddings', input: ['a', 'b'], encoding_format: 'float' });
    expect(embedding.data).toHaveLength(2);
    expect(embedding.model).toBe('demo-embed');
  });
});
