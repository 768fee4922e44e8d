import type { IncomingMessage } from 'node:http';

/** The whole request body as UTF-8 text; what arrived so far when the client goes away. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    const done = (): void => resolve(Buffer.concat(parts).toString('utf8'));
    request.on('end', done);
    request.on('error', done);
    request.on('close', done);
  });
}

/** The parsed JSON, or `undefined` for an empty or malformed body (mocks answer those with their wire's 400). */
export function parseJsonOrUndefined(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
