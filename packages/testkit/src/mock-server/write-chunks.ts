import type { ServerResponse } from 'node:http';

/** Writes one chunk and waits until it is flushed; does nothing once the response is gone. */
export function writeChunk(response: ServerResponse, chunk: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    if (response.destroyed || response.writableEnded) resolve();
    else response.write(chunk, () => resolve());
  });
}

/** Waits `ms`, or less when the response closes first. */
export function pause(response: ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      response.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    response.once('close', done);
  });
}

/**
 * Writes the chunks of a streamed answer in order, `intervalMs` apart (0: back to back), and stops as
 * soon as `isClosed` says the client or the server went away.
 */
export async function writeChunks(
  response: ServerResponse,
  chunks: Iterable<string | Uint8Array>,
  isClosed: () => boolean,
  intervalMs = 0,
): Promise<void> {
  let first = true;
  for (const chunk of chunks) {
    if (!first && intervalMs > 0) await pause(response, intervalMs);
    first = false;
    if (isClosed()) return;
    await writeChunk(response, chunk);
  }
}
