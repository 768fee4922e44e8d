import type { IncomingMessage } from 'node:http';
import { Busboy } from '@fastify/busboy';
import { InvalidRequestError, RequestTooLargeError, type UploadedAudio } from '@modelgate/core';

/** OpenAI's own limit on an uploaded audio file. */
export const maxAudioBytes = 25 * 1024 * 1024;

export interface AudioForm {
  fields: Record<string, string | string[]>;
  file: UploadedAudio | undefined;
}

/**
 * Reads a `multipart/form-data` upload (`file` plus text fields) as it arrives: the file is bounded
 * (`maxAudioBytes`: a larger one is a 413, read no further), there is one file at most, and a malformed
 * form is a 400. A field sent several times (`timestamp_granularities[]`) becomes a list.
 */
export function parseAudioForm(request: IncomingMessage, maxBytes = maxAudioBytes): Promise<AudioForm> {
  return new Promise((resolve, reject) => {
    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({
        headers: request.headers as { 'content-type': string },
        limits: { fileSize: maxBytes, files: 1, fields: 64, fieldSize: 64 * 1024, parts: 66 },
      });
    } catch (error) {
      reject(new InvalidRequestError(`The multipart form could not be read: ${(error as Error).message}.`, { code: 'invalid_multipart' }));
      return;
    }
    // No prototype: a field named `__proto__` or `constructor` is a field like any other.
    const fields: Record<string, string | string[]> = Object.create(null);
    let file: UploadedAudio | undefined;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      request.unpipe(parser);
      request.resume();
      reject(error);
    };
    parser.on('field', (name, value) => {
      const previous = fields[name];
      fields[name] = previous === undefined ? value : [previous, value].flat();
    });
    parser.on('file', (name, stream, filename, _encoding, mimeType) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new RequestTooLargeError(`The audio file is larger than ${maxBytes} bytes.`, { param: 'file' })));
      stream.on('end', () => {
        const data = Buffer.concat(chunks);
        file = {
          data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
          filename: filename || 'audio',
          ...(mimeType && mimeType !== 'application/octet-stream' ? { mediaType: mimeType } : {}),
        };
      });
    });
    parser.on('filesLimit', () => fail(new InvalidRequestError("Invalid value for 'file': send one file.", { param: 'file' })));
    parser.on('error', (error) =>
      fail(new InvalidRequestError(`The multipart form could not be read: ${(error as Error).message}.`, { code: 'invalid_multipart' })),
    );
    parser.on('finish', () => {
      if (!failed) resolve({ fields, file });
    });
    request.pipe(parser);
  });
}
