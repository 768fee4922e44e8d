const dataUrlPattern = /^data:([^;,]+)?((?:;[^;,]+)*?);base64,/i;

/** `data:image/png;base64,AAAA` → its media type and base64 data; undefined for anything else. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const match = dataUrlPattern.exec(url);
  if (match === null) return undefined;
  return { mediaType: match[1] ?? 'application/octet-stream', data: url.slice(match[0].length) };
}

/** The inverse of `parseDataUrl`. */
export function toDataUrl(mediaType: string | undefined, data: string): string {
  return `data:${mediaType ?? 'application/octet-stream'};base64,${data}`;
}
