import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicMessagesCodec, type ChatOutcome, type ChatStreamPartV1 } from '@modelgate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { writeEventStream } from './write-event-stream.js';

const ping = 'event: ping\ndata: {"type":"ping"}\n\n';
const context = { encoding: {}, model: 'test-model', requestId: 'req-test' };

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

function eventNames(body: string): string[] {
  return body
    .split('\n\n')
    .filter((frame) => frame.length > 0)
    .map((frame) => frame.split('\n')[0]!.replace(/^event: /, ''));
}

describe('writeEventStream keep-alive', () => {
  it('writes the keep-alive event while the model is silent, only once the stream has begun', async () => {
    let sawKeepAlive: () => void = () => {};
    const keepAliveSeen = new Promise<void>((resolve) => (sawKeepAlive = resolve));
    async function* parts(): AsyncGenerator<ChatStreamPartV1> {
      // Silent before the first part: nothing may be written before message_start.
      await new Promise((resolve) => setTimeout(resolve, 60));
      yield { type: 'text-start', id: 't' };
      yield { type: 'text-delta', id: 't', delta: 'Hello' };
      // Silent until the client has received a keep-alive.
      await keepAliveSeen;
      yield { type: 'text-end', id: 't' };
      yield { type: 'finish', finishReason: { unified: 'stop' } };
    }
    const outcome = { stream: true, native: false, parts: parts(), context, metadata: {}, decoded: {} } as unknown as ChatOutcome & {
      stream: true;
    };
    const written = new Promise<void>((resolve, reject) => {
      server = createServer((_request, response) => {
        writeEventStream(response, [], outcome, anthropicMessagesCodec.createStreamEncoder(context), {
          keepAlive: { intervalMs: 10, text: ping },
        }).then(resolve, reject);
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server!.address() as AddressInfo;
    const body = await new Promise<string>((resolve, reject) => {
      const outgoing = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (data: string) => {
          text += data;
          if (text.split(ping).length > 2) sawKeepAlive();
        });
        incoming.on('end', () => resolve(text));
        incoming.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
    await written;
    const names = eventNames(body);
    // message_start, Anthropic's own ping after it, then the keep-alives during the silence.
    expect(names.slice(0, 4)).toEqual(['message_start', 'ping', 'content_block_start', 'content_block_delta']);
    const silence = names.slice(4, -3);
    expect(silence.length).toBeGreaterThan(0);
    expect(new Set(silence)).toEqual(new Set(['ping']));
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });
});
