import { describe, expect, it } from 'vitest';
import { upstreamPath } from './upstream-path.js';

describe('upstreamPath', () => {
  it('keeps the path after the provider with its query as sent', () => {
    expect(upstreamPath('/passthrough/oai/models?limit=2&after=a%2Fb')).toBe('/models?limit=2&after=a%2Fb');
    expect(upstreamPath('/passthrough/gem/v1beta/models/gemini-2.5-flash:streamGenerateContent')).toBe(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
    );
  });

  it('takes every key parameter out, however its name is written', () => {
    expect(upstreamPath('/passthrough/gem/v1beta/models/x:generateContent?key=secret')).toBe('/v1beta/models/x:generateContent');
    expect(upstreamPath('/passthrough/gem/v1beta/models/x:streamGenerateContent?alt=sse&key=secret')).toBe(
      '/v1beta/models/x:streamGenerateContent?alt=sse',
    );
    expect(upstreamPath('/passthrough/gem/models?%6Bey=secret&pageSize=5&k%65y=again&key')).toBe('/models?pageSize=5');
  });

  it('keeps parameters that only look like key', () => {
    expect(upstreamPath('/passthrough/gem/models?keys=1&api_key=2&monkey=3')).toBe('/models?keys=1&api_key=2&monkey=3');
  });
});
