import type { ChatCodecV1, ChatOutcome, SecretRedactor } from '@modelgate/core';
import type { FastifyReply } from 'fastify';
import { callHeaders } from './call-headers.js';
import { eventStreamHeaders, writeEventStream, type WriteEventStreamOptions } from './write-event-stream.js';

/** Answers with an outcome in its surface's wire format: a JSON body, or the stream. */
export async function sendChatOutcome<Encoding>(
  reply: FastifyReply,
  codec: ChatCodecV1<Encoding>,
  outcome: ChatOutcome<Encoding>,
  started: number,
  options: WriteEventStreamOptions & { redactor?: SecretRedactor | undefined } = {},
): Promise<unknown> {
  const { redactor, ...streamOptions } = options;
  if (!outcome.stream) {
    reply.headers(callHeaders(outcome.metadata, started, redactor));
    if (!outcome.native) return codec.encodeResponse(outcome.response, outcome.context);
    // A forwarded answer is already the surface's JSON text: it goes out without being serialised again.
    return reply.type('application/json; charset=utf-8').send(codec.encodeNativeResponse(outcome.result, outcome.context));
  }
  reply.hijack();
  const headers = [reply.getHeaders(), eventStreamHeaders, callHeaders(outcome.metadata, started, redactor)];
  await writeEventStream(reply.raw, headers, outcome, codec.createStreamEncoder(outcome.context), streamOptions);
  return reply;
}
