import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 1×1 transparent PNG, the bytes of the translation matrix's `pixel`. */
export const pixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** A loopback server answering every GET with the PNG (and `/report.pdf` with a tiny PDF), for URL media. */
export async function servePixel(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.url?.endsWith('.pdf')) {
      response.writeHead(200, { 'content-type': 'application/pdf' });
      response.end(Buffer.from('%PDF-1.4\n'));
      return;
    }
    // No content-length: fetchMedia counts the bytes as they come.
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(pixelPng);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
