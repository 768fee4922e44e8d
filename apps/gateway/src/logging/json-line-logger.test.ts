import { describe, expect, it } from 'vitest';
import { JsonLineLogger } from './json-line-logger.js';

describe('JSON line logger', () => {
  it('writes one JSON object per line at or above its level, with fields and errors serialised', () => {
    const lines: string[] = [];
    const logger = new JsonLineLogger('warn', (line) => lines.push(line));
    logger.info('not written');
    logger.warn('upstream down', { reqId: 'r1', status: 502 });
    logger.error('request failed', { err: new Error('boom') });
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.endsWith('\n'))).toBe(true);
    const [warning, failure] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warning).toMatchObject({ level: 40, reqId: 'r1', status: 502, msg: 'upstream down' });
    expect(failure).toMatchObject({ level: 50, msg: 'request failed', err: { type: 'Error', message: 'boom' } });
    expect(typeof (failure!.err as { stack?: unknown }).stack).toBe('string');
  });

  it('writes nothing when silent', () => {
    const lines: string[] = [];
    const logger = new JsonLineLogger('silent', (line) => lines.push(line));
    logger.fatal('x');
    expect(lines).toEqual([]);
  });
});
