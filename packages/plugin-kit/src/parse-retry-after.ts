/**
 * Reads how long an upstream asks us to wait, in milliseconds: `retry-after-ms` (OpenAI, Azure),
 * else `retry-after` as seconds or as an HTTP date. Returns undefined when absent or unreadable.
 * `now` is for tests.
 */
export function parseRetryAfter(headers: Readonly<Record<string, string | undefined>>, now: number = Date.now()): number | undefined {
  const milliseconds = headers['retry-after-ms'];
  if (milliseconds !== undefined) {
    const value = Number(milliseconds.trim());
    if (milliseconds.trim() !== '' && Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter === undefined || retryAfter === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
