// The reference floor: the least a JSON gateway can do. fastify 5 parses the request body, the proxy
// checks a bearer key, re-serialises the body and sends it through an undici Pool (keep-alive) to the
// upstream; a non-streaming answer is parsed and re-serialised too, a streaming answer's SSE bytes pass
// through untouched. No routing, no translation, no logging.
//
// Usage: node thin-proxy.js --upstream http://127.0.0.1:N [--port N] [--api-key K] [--master-key K]
// Binds 127.0.0.1 only. Reports `{"event":"listening","port":N}` over IPC (or stdout).
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { Pool } from 'undici';
import './preload/exit-with-parent.js';

const { values } = parseArgs({
  options: {
    upstream: { type: 'string' },
    port: { type: 'string', default: '0' },
    'api-key': { type: 'string', default: 'sk-mock' },
    'master-key': { type: 'string', default: 'sk-bench-master' },
  },
});
if (!values.upstream) throw new Error('--upstream is required');

const upstream = new URL(values.upstream);
const pool = new Pool(upstream.origin, { connections: 256, pipelining: 1, keepAliveTimeout: 60_000 });
const basePath = upstream.pathname.replace(/\/$/, '');
const upstreamHeaders = { 'content-type': 'application/json', authorization: `Bearer ${values['api-key']}` };
const expectedAuthorization = `Bearer ${values['master-key']}`;

const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });

app.post('/v1/chat/completions', async (request, reply) => {
  if (request.headers.authorization !== expectedAuthorization) {
    reply.code(401);
    return { error: { message: 'invalid API key', type: 'authentication_error', param: null, code: 'invalid_api_key' } };
  }
  const body = request.body;
  const response = await pool.request({
    method: 'POST',
    path: `${basePath}/v1/chat/completions`,
    headers: upstreamHeaders,
    body: JSON.stringify(body),
  });
  reply.code(response.statusCode);
  if (body.stream === true && response.statusCode === 200) {
    reply.header('content-type', 'text/event-stream').header('cache-control', 'no-cache');
    return reply.send(response.body);
  }
  return response.body.json();
});

await app.listen({ host: '127.0.0.1', port: Number(values.port) });
const message = { event: 'listening', port: app.server.address().port };
if (process.send) process.send(message);
else process.stdout.write(`${JSON.stringify(message)}\n`);

const close = () => {
  app
    .close()
    .then(() => pool.close())
    .finally(() => process.exit(0));
};
process.on('SIGTERM', close);
process.on('SIGINT', close);
