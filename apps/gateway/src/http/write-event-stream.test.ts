import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ModelgateError,
  openAIChatCodec,
  UpstreamError,
  type ChatOutcome,
  type ChatStreamPartV1,
  type OpenAIChatCompletionChunk as ChatCompletionChunk,
} from '@modelgate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { writeEventStream, type WriteEventStreamOptions } from './write-event-stream.js';

type ChatStreamEventV1 = ChatStreamPartV1;

function chunk(index: number, content: string): ChatStreamEventV1 {
  return { type: 'text-delta', id: 'text-1', delta: `${content}${index}` };
}

const finish: ChatStreamEventV1 = { type: 'finish', finishReason: { unified: 'stop' } };

/** Every event in one burst: an async generator that never waits, as when one packet holds a whole answer. */
async function* burst(events: readonly ChatStreamEventV1[]): AsyncGenerator<ChatStreamEventV1> {
  for (const event of events) yield event;
}

const context = { encoding: { includeUsage: false }, model: 'test-model', requestId: 'req-test' };

/** A canonical stream outcome around `parts`, as the gateway hands it to the server. */
function outcomeOf(parts: AsyncIterable<ChatStreamEventV1>): ChatOutcome & { stream: true } {
  return { stream: true, native: false, parts, context, metadata: {} as never, decoded: {} as never } as ChatOutcome & { stream: true };
}

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

interface Served {
  /** The response body as the client read it. */
  body: string;
  /** The errors the writer reported as an early end. */
  reported: unknown[];
}

/** Serves `events` with writeEventStream on loopback and reads the whole answer with a plain HTTP client. */
async function serve(events: () => AsyncIterable<ChatStreamEventV1>, options: Partial<WriteEventStreamOptions> = {}): Promise<Served> {
  const reported: unknown[] = [];
  const written = new Promise<void>((resolve, reject) => {
    server = createServer((_request, response) => {
      writeEventStream(response, [], outcomeOf(events()), openAIChatCodec.createStreamEncoder(context), {
        onEarlyEnd: (error) => reported.push(error),
        ...options,
      }).then(resolve, reject);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server!.address() as AddressInfo;
  const body = await new Promise<string>((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (data: string) => (text += data));
      incoming.on('end', () => resolve(text));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
  await written;
  return { body, reported };
}

function frames(body: string): string[] {
  return body
    .split('\n\n')
    .filter((frame) => frame.length > 0)
    .map((frame) => frame.replace(/^data: /, ''));
}

describe('writeEventStream', () => {
  it('sends every chunk and [DONE] when a whole stream arrives in one tick', async () => {
    // Node 22's ServerResponse.end() on a corked response sent the terminating chunk before the
    // corked data: this burst reached the client as its first frame only, with no error.
    const events = [...Array.from({ length: 12 }, (_, index) => chunk(index, 'word')), finish];
    const { body, reported } = await serve(() => burst(events));
    const received = frames(body);
    // 12 deltas, the finish chunk and [DONE]
    expect(received).toHaveLength(14);
    expect(received.at(-1)).toBe('[DONE]');
    const contents = received.slice(0, -2).map((frame) => (JSON.parse(frame) as ChatCompletionChunk).choices[0]?.delta.content);
    expect(contents).toEqual(Array.from({ length: 12 }, (_, index) => `word${index}`));
    expect((JSON.parse(received.at(-2)!) as ChatCompletionChunk).choices[0]?.finish_reason).toBe('stop');
    expect(reported).toEqual([]);
  });

  it('sends a burst larger than the socket buffer whole', async () => {
    const large = 'x'.repeat(4096);
    const events = [...Array.from({ length: 40 }, (_, index) => chunk(index, large)), finish];
    const { body } = await serve(() => burst(events));
    const received = frames(body);
    expect(received).toHaveLength(42);
    expect(received.at(-1)).toBe('[DONE]');
    expect((JSON.parse(received[39]!) as ChatCompletionChunk).choices[0]?.delta.content).toBe(`${large}39`);
  });

  it('sends the chunks before an error event, reports the error, and sends no [DONE]', async () => {
    const failure = new UpstreamError('Upstream dropped the connection.', { code: 'upstream_stream_error', isRetryable: false });
    const { body, reported } = await serve(() => burst([chunk(0, 'a'), chunk(1, 'b'), { type: 'error', error: failure }]));
    const received = frames(body);
    expect(received).toHaveLength(3);
    expect(JSON.parse(received[2]!)).toMatchObject({
      error: { message: 'Upstream dropped the connection.', code: 'upstream_stream_error' },
    });
    expect(body).not.toContain('[DONE]');
    expect(reported).toEqual([failure]);
  });

  it('turns a stream that stops without a finish into an error event and a report', async () => {
    const { body, reported } = await serve(() => burst([chunk(0, 'a')]));
    const received = frames(body);
    expect(received).toHaveLength(2);
    expect(JSON.parse(received[1]!)).toMatchObject({ error: { code: 'stream_incomplete' } });
    expect(reported).toHaveLength(1);
    expect(ModelgateError.isInstance(reported[0]) && reported[0].code).toBe('stream_incomplete');
  });

  it('turns an exception of the iterable into an error event and a report', async () => {
    async function* failing(): AsyncGenerator<ChatStreamEventV1> {
      yield chunk(0, 'a');
      throw new Error('something broke');
    }
    const { body, reported } = await serve(() => failing());
    const received = frames(body);
    expect(received).toHaveLength(2);
    expect(JSON.parse(received[1]!)).toHaveProperty('error');
    expect(body).not.toContain('[DONE]');
    expect(reported).toHaveLength(1);
    expect((reported[0] as Error).message).toBe('something broke');
  });
});
