// A fast OpenAI-compatible mock upstream (node:http only), run in its own child process.
//
//   POST /v1/chat/completions   non-streaming JSON, or (with "stream": true) an SSE stream of 11 events
//                                ending in `data: [DONE]`
//   GET  /v1/models              a one-model list
//   POST /__control              {"delayMs": n, "chunkGapMs": n, "streamPieces": n}: set the response delay
//                                (time before the response head), the gap between SSE events and the number
//                                of content events per stream (8 by default); the harness switches between
//                                zero-delay and fixed-delay modes with it between load phases.
//
// Usage: node mock-upstream.js [--port N] [--delay-ms N]. Binds 127.0.0.1 only. Prints
// `{"event":"listening","port":N}` on stdout and sends the same object over IPC when forked.
import http from 'node:http';
import { parseArgs } from 'node:util';
import './preload/exit-with-parent.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'delay-ms': { type: 'string', default: '0' },
    'chunk-gap-ms': { type: 'string', default: '0' },
  },
});

const settings = { delayMs: Number(values['delay-ms']), chunkGapMs: Number(values['chunk-gap-ms']), streamPieces: 8 };

const CONTENT_PIECES = ['Hello', '!', ' How', ' can', ' I', ' help', ' you', ' today?'];

function completionBody(model, created) {
  return JSON.stringify({
    id: 'chatcmpl-mock0000000000000000000000',
    object: 'chat.completion',
    created,
    model,
    system_fingerprint: 'fp_mock',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: CONTENT_PIECES.join(''), refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 23, completion_tokens: 8, total_tokens: 31 },
  });
}

/** Chunk events (role, `streamPieces` content deltas, finish + usage) and `data: [DONE]`: 11 events by default. */
function streamEvents(model, created) {
  const base = {
    id: 'chatcmpl-mock0000000000000000000000',
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_mock',
  };
  const chunk = (delta, finishReason = null, usage = undefined) =>
    `data: ${JSON.stringify({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(usage ? { usage } : {}),
    })}\n\n`;
  return [
    chunk({ role: 'assistant', content: '', refusal: null }),
    ...Array.from({ length: settings.streamPieces }, (_, index) => chunk({ content: CONTENT_PIECES[index % CONTENT_PIECES.length] })),
    chunk({}, 'stop', { prompt_tokens: 23, completion_tokens: 8, total_tokens: 31 }),
    'data: [DONE]\n\n',
  ];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function handleChat(request, response, raw) {
  let body;
  try {
    body = JSON.parse(raw);
  } catch {
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end('{"error":{"message":"invalid JSON body","type":"invalid_request_error","param":null,"code":null}}');
    return;
  }
  const model = typeof body.model === 'string' ? body.model : 'mock-model';
  const created = Math.floor(Date.now() / 1000);
  if (settings.delayMs > 0) await sleep(settings.delayMs);
  if (body.stream === true) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const events = streamEvents(model, created);
    if (settings.chunkGapMs > 0) {
      for (let index = 0; index < events.length; index++) {
        if (index > 0) await sleep(settings.chunkGapMs);
        if (response.destroyed) return;
        response.write(events[index]);
      }
    } else {
      // One write per event, as a real upstream flushes them, without waiting in between.
      for (const event of events) response.write(event);
    }
    response.end();
    return;
  }
  const json = completionBody(model, created);
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const raw = chunks.length === 1 ? chunks[0].toString() : Buffer.concat(chunks).toString();
    const path = request.url.split('?')[0];
    if (request.method === 'POST' && path === '/v1/chat/completions') {
      handleChat(request, response, raw).catch((error) => {
        response.destroy(error);
      });
    } else if (request.method === 'POST' && path === '/__control') {
      const update = JSON.parse(raw || '{}');
      if (Number.isFinite(update.delayMs)) settings.delayMs = update.delayMs;
      if (Number.isFinite(update.chunkGapMs)) settings.chunkGapMs = update.chunkGapMs;
      if (Number.isInteger(update.streamPieces) && update.streamPieces >= 0) settings.streamPieces = update.streamPieces;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(settings));
    } else if (request.method === 'GET' && path === '/v1/models') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"object":"list","data":[{"id":"mock-model","object":"model","created":0,"owned_by":"mock"}]}');
    } else {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":{"message":"not found","type":"invalid_request_error","param":null,"code":null}}');
    }
  });
});
// Keep idle keep-alive sockets open across load phases so that no client races a server-side close.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;
server.requestTimeout = 0;

server.listen(Number(values.port), '127.0.0.1', () => {
  const message = { event: 'listening', port: server.address().port };
  if (process.send) process.send(message);
  else process.stdout.write(`${JSON.stringify(message)}\n`);
});
