import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMedia } from './fetch-media.js';
import { isPrivateAddress } from './is-private-address.js';
import { publicOnlyLookup } from './public-only-lookup.js';

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/image.png') {
      response.writeHead(200, { 'content-type': 'image/png; charset=binary' });
      response.end(Buffer.from([137, 80, 78, 71]));
    } else if (request.url === '/large') {
      // Declared and large enough that the refusal happens while the body is still arriving.
      response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(8 * 1024 * 1024) });
      response.write(Buffer.alloc(64 * 1024));
    } else if (request.url === '/chunked-large') {
      response.writeHead(200, { 'content-type': 'application/pdf' });
      response.write(Buffer.alloc(600));
      response.end(Buffer.alloc(600));
    } else if (request.url === '/redirect') {
      response.writeHead(302, { location: '/image.png' });
      response.end();
    } else if (request.url === '/slow') {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.write('x');
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('fetchMedia', () => {
  it('refuses loopback addresses unless the operator allows the private network', async () => {
    await expect(fetchMedia(`${origin}/image.png`)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('private or loopback'),
    });
    await expect(fetchMedia('http://localhost:1/x.png')).rejects.toMatchObject({ status: 400 });
    const media = await fetchMedia(`${origin}/image.png`, { allowPrivateNetwork: true });
    expect([...media.data]).toEqual([137, 80, 78, 71]);
    expect(media.mediaType).toBe('image/png');
  });

  it('refuses, at connect time, a name that resolves to a private address', async () => {
    const refusal = new Error('refused');
    const answer = await new Promise<unknown>((resolve) => publicOnlyLookup(refusal)('localhost', {}, (error) => resolve(error)));
    expect(answer).toBe(refusal);
  });

  it('refuses schemes other than http and https', async () => {
    await expect(fetchMedia('file:///etc/passwd')).rejects.toMatchObject({ status: 400, message: expect.stringContaining('file:') });
    await expect(fetchMedia('not a url')).rejects.toMatchObject({ status: 400 });
  });

  it('bounds the size, by content-length and while reading', async () => {
    await expect(fetchMedia(`${origin}/large`, { allowPrivateNetwork: true, maxBytes: 1000 })).rejects.toMatchObject({
      message: expect.stringContaining('larger than 1000 bytes'),
    });
    await expect(fetchMedia(`${origin}/chunked-large`, { allowPrivateNetwork: true, maxBytes: 1000 })).rejects.toMatchObject({
      message: expect.stringContaining('larger than 1000 bytes'),
    });
  });

  it('bounds the time', async () => {
    await expect(fetchMedia(`${origin}/slow`, { allowPrivateNetwork: true, timeoutMs: 200 })).rejects.toMatchObject({
      message: expect.stringContaining('took too long'),
    });
  });

  it('follows redirects and reports other statuses', async () => {
    expect((await fetchMedia(`${origin}/redirect`, { allowPrivateNetwork: true })).mediaType).toBe('image/png');
    await expect(fetchMedia(`${origin}/redirect`, { allowPrivateNetwork: true, maxRedirects: 0 })).rejects.toMatchObject({
      message: expect.stringContaining('too many redirects'),
    });
    await expect(fetchMedia(`${origin}/missing`, { allowPrivateNetwork: true })).rejects.toMatchObject({
      message: expect.stringContaining('answered 404'),
    });
  });

  it('decodes data URLs without a request', async () => {
    const media = await fetchMedia('data:image/gif;base64,R0lGODlh');
    expect(media.mediaType).toBe('image/gif');
    expect(Buffer.from(media.data).toString('base64')).toBe('R0lGODlh');
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['8.8.8.8', false],
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['2606:4700::1111', false],
    ['not-an-ip', true],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
