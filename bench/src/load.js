// Load phases: autocannon for throughput and latency under load, undici for time to first token.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Client } from 'undici';

export const CHAT_REQUEST = {
  model: 'bench-model',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'Say hello in one short sentence.' },
  ],
  max_tokens: 64,
  temperature: 0,
};

export function chatBody(stream) {
  return JSON.stringify(stream ? { ...CHAT_REQUEST, stream: true } : CHAT_REQUEST);
}

export function percentile(sorted, fraction) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index];
}

export function median(values) {
  const present = values.filter((value) => typeof value === 'number' && Number.isFinite(value));
  if (present.length === 0) return null;
  const sorted = [...present].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * One autocannon phase, bounded by `durationSeconds` (or by `amount` requests with a time cap).
 * Latencies are collected from autocannon's per-response event (sub-millisecond floats; its own
 * histogram keeps whole milliseconds). `rps` counts 2xx answers only.
 */
export function runLoad({ url, headers, body, connections, durationSeconds, amount, maxSeconds }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const options = {
      url: `${url}/v1/chat/completions`,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      connections,
      pipelining: 1,
      timeout: 10,
      // A request that gets no answer within 10 s counts as an error, not as a stalled phase.
    };
    if (amount) options.amount = amount;
    else options.duration = durationSeconds;
    const started = performance.now();
    const instance = autocannon(options, (error, result) => {
      clearTimeout(cap);
      if (error) return reject(error);
      const elapsed = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      const ok = result['2xx'];
      resolve({
        requests: result.requests.total,
        ok,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        seconds: Number(elapsed.toFixed(2)),
        rps: ok / elapsed,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
      });
    });
    instance.on('response', (_client, _statusCode, _bytes, responseTime) => latencies.push(responseTime));
    const cap = setTimeout(() => instance.stop(), (maxSeconds ?? (durationSeconds ?? 60) + 15) * 1000).unref();
  });
}

/**
 * Time to first token at concurrency 1: sequential streaming requests over one keep-alive connection;
 * the time from sending the request to the first body byte (the first SSE data event), and to the end.
 */
export async function measureTtft({ url, headers, samples, warmup = 20 }) {
  const client = new Client(url, { pipelining: 1, keepAliveTimeout: 60_000 });
  const body = chatBody(true);
  const requestHeaders = { 'content-type': 'application/json', ...headers };
  const firstByte = [];
  const total = [];
  try {
    for (let index = 0; index < warmup + samples; index++) {
      const started = performance.now();
      const response = await client.request({
        method: 'POST',
        path: new URL('v1/chat/completions', `${url}/`).pathname,
        headers: requestHeaders,
        body,
      });
      let first = null;
      let text = '';
      for await (const chunk of response.body) {
        if (first === null) first = performance.now();
        text += chunk;
      }
      const ended = performance.now();
      if (response.statusCode !== 200 || !text.includes('data: [DONE]')) {
        throw new Error(`TTFT request got ${response.statusCode}: ${text.slice(0, 300)}`);
      }
      if (index >= warmup) {
        firstByte.push(first - started);
        total.push(ended - started);
      }
    }
  } finally {
    await client.close();
  }
  firstByte.sort((a, b) => a - b);
  total.sort((a, b) => a - b);
  return { samples, p50: percentile(firstByte, 0.5), p90: percentile(firstByte, 0.9), totalP50: percentile(total, 0.5) };
}
