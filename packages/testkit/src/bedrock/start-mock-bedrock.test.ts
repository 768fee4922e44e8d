import { crc32 } from 'node:zlib';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bedrockTestCredentials } from './bedrock-conformance-upstream.js';
import { startMockBedrock, type MockBedrockServer } from './start-mock-bedrock.js';

let mock: MockBedrockServer;
beforeEach(async () => {
  mock = await startMockBedrock({ credentials: bedrockTestCredentials, apiKey: 'ABSK-mock-key' });
});
afterEach(async () => {
  await mock.close();
});

const path = `/model/${encodeURIComponent('us.anthropic.claude-sonnet-4-5-20250929-v1:0')}/converse-stream`;
const body = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] });

async function signedPost(secretAccessKey = bedrockTestCredentials.secretAccessKey, target = path): Promise<Response> {
  const url = new URL(mock.baseURL + target);
  const signer = new SignatureV4({
    service: 'bedrock',
    region: 'us-east-1',
    credentials: { accessKeyId: bedrockTestCredentials.accessKeyId, secretAccessKey },
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: {},
    headers: { host: url.host, 'content-type': 'application/json' },
    body,
  });
  const headers = { ...signed.headers };
  delete headers.host;
  return fetch(url, { method: 'POST', headers, body });
}

/** Frames read by hand from the bytes (not with the codec), checking both CRCs. */
function readFrames(bytes: Buffer): { headers: Record<string, string>; payload: Record<string, unknown> }[] {
  const frames = [];
  let offset = 0;
  while (offset < bytes.length) {
    const total = bytes.readUInt32BE(offset);
    const headersLength = bytes.readUInt32BE(offset + 4);
    expect(bytes.readUInt32BE(offset + 8)).toBe(crc32(bytes.subarray(offset, offset + 8)));
    expect(bytes.readUInt32BE(offset + total - 4)).toBe(crc32(bytes.subarray(offset, offset + total - 4)));
    const headers: Record<string, string> = {};
    let at = offset + 12;
    while (at < offset + 12 + headersLength) {
      const nameLength = bytes[at]!;
      const name = bytes.toString('utf8', at + 1, at + 1 + nameLength);
      at += 1 + nameLength;
      expect(bytes[at]).toBe(7); // a string header
      const valueLength = bytes.readUInt16BE(at + 1);
      headers[name] = bytes.toString('utf8', at + 3, at + 3 + valueLength);
      at += 3 + valueLength;
    }
    frames.push({ headers, payload: JSON.parse(bytes.toString('utf8', at, offset + total - 4)) as Record<string, unknown> });
    offset += total;
  }
  return frames;
}

describe('startMockBedrock', () => {
  it('streams ConverseStream as binary event-stream frames with CRCs, typed headers and padded JSON payloads', async () => {
    mock.enqueue({
      type: 'tool-calls',
      text: 'On it.',
      calls: [{ id: 'tooluse_1', name: 'search', input: '{"q":"x"}' }],
      usage: { inputTokens: 50, outputTokens: 8, cacheReadTokens: 30, cacheWriteTokens: 5 },
    });
    const response = await signedPost();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.amazon.eventstream');
    const frames = readFrames(Buffer.from(await response.arrayBuffer()));
    expect(frames.map((frame) => frame.headers[':event-type'])).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'contentBlockStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    expect(
      frames.every((frame) => frame.headers[':message-type'] === 'event' && frame.headers[':content-type'] === 'application/json'),
    ).toBe(true);
    expect(frames.every((frame) => typeof frame.payload.p === 'string')).toBe(true);
    expect(frames[5]?.payload).toMatchObject({ contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_1', name: 'search' } } });
    expect(frames[9]?.payload).toMatchObject({ stopReason: 'tool_use' });
    // Converse's inputTokens leaves the cache counts out.
    expect(frames[10]?.payload).toMatchObject({
      usage: { inputTokens: 15, outputTokens: 8, totalTokens: 58, cacheReadInputTokens: 30, cacheWriteInputTokens: 5 },
    });
    expect(mock.modelOf(mock.requests[0]!)).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(mock.hasCredential(mock.requests[0]!)).toBe(true);
  });

  it('sends an exception frame for a stream error', async () => {
    mock.enqueue({ type: 'stream-error', afterChunks: 2, message: 'Stopped.' });
    const frames = readFrames(Buffer.from(await (await signedPost()).arrayBuffer()));
    expect(frames.at(-1)).toMatchObject({
      headers: { ':message-type': 'exception', ':exception-type': 'modelStreamErrorException' },
      payload: { message: 'Stopped.' },
    });
  });

  it('refuses a signature made with a wrong secret of the right length, a missing signature and a wrong API key', async () => {
    const secret = bedrockTestCredentials.secretAccessKey;
    const refused = await signedPost(`${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-amzn-errortype')).toMatch(/^InvalidSignatureException:/);
    expect(await refused.json()).toEqual({
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    });
    const unsigned = await fetch(mock.baseURL + path, { method: 'POST', body });
    expect(unsigned.status).toBe(403);
    const wrongKey = await fetch(mock.baseURL + path, { method: 'POST', body, headers: { authorization: 'Bearer ABSK-mock-kez' } });
    expect(wrongKey.headers.get('x-amzn-errortype')).toMatch(/^UnrecognizedClientException:/);
    const rightKey = await fetch(mock.baseURL + path.replace('converse-stream', 'converse'), {
      method: 'POST',
      body,
      headers: { authorization: 'Bearer ABSK-mock-key', 'content-type': 'application/json' },
    });
    expect(rightKey.status).toBe(200);
    expect(mock.requests.map((request) => mock.hasCredential(request))).toEqual([false, false, false, true]);
  });

  it('answers rate limits and HTTP errors with x-amzn-errortype and a message body', async () => {
    mock.enqueue({ type: 'rate-limit', retryAfterSeconds: 2 }, { type: 'http-error', status: 400, message: 'Bad temperature.' });
    const limited = await signedPost();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('x-amzn-errortype')).toMatch(/^ThrottlingException:/);
    const invalid = await signedPost();
    expect(invalid.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
    expect(await invalid.json()).toEqual({ message: 'Bad temperature.' });
  });
});
