import { randomBytes } from 'node:crypto';

/** One file of a form. */
export interface FormFile {
  name: string;
  filename: string;
  contentType: string;
  data: Uint8Array;
}

function escapeQuoted(value: string): string {
  return value.replace(/["\r\n\\]/g, (character) => encodeURIComponent(character));
}

/**
 * A `multipart/form-data` body (RFC 7578) from text fields and files, as bytes with its content type.
 * A field given several values is repeated, as forms do (`timestamp_granularities[]`).
 */
export function multipartForm(
  fields: Readonly<Record<string, string | readonly string[]>>,
  files: readonly FormFile[],
): {
  body: Uint8Array;
  contentType: string;
} {
  const boundary = `----modelgate${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const item of typeof value === 'string' ? [value] : value) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"\r\n\r\n${item}\r\n`));
    }
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(file.name)}"; filename="${escapeQuoted(file.filename)}"\r\n` +
          `Content-Type: ${file.contentType}\r\n\r\n`,
      ),
      Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(parts);
  return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType: `multipart/form-data; boundary=${boundary}` };
}
