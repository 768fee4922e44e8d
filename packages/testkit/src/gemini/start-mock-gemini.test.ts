import { createSign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockGemini, type MockGeminiServer } from './start-mock-gemini.js';
import { startMockVertex, type MockVertex } from './vertex-conformance-upstream.js';

let gemini: MockGeminiServer | undefined;
let vertex: MockVertex | undefined;

afterEach(async () => {
  await gemini?.close();
  await vertex?.close();
  gemini = undefined;
  vertex = undefined;
});

const body = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hi there' }] }] });

function jwt(claims: Record<string, unknown>, privateKey: string): string {
  const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${segment({ alg: 'RS256', typ: 'JWT' })}.${segment(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
}

describe('the mock Gemini API', () => {
  it('answers a missing key with 403 and a wrong key with 400 API_KEY_INVALID, as Google does', async () => {
    gemini = await startMockGemini({ apiKey: 'right' });
    const url = `${gemini.baseURL}/models/gemini-2.5-flash:generateContent`;
    const missing = await fetch(url, { method: 'POST', body });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
    const wrong = await fetch(url, { method: 'POST', body, headers: { 'x-goog-api-key': 'wrong' } });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      error: { status: 'INVALID_ARGUMENT', details: expect.arrayContaining([expect.objectContaining({ reason: 'API_KEY_INVALID' })]) },
    });
    const query = await fetch(`${url}?key=right`, { method: 'POST', body });
    expect(query.status).toBe(200);
  });

  it('streams SSE with alt=sse and one JSON array without it', async () => {
    gemini = await startMockGemini();
    gemini.enqueue({ type: 'text', text: 'one two three four' }, { type: 'text', text: 'one two three four' });
    const url = `${gemini.baseURL}/models/gemini-2.5-flash:streamGenerateContent`;
    const sse = await (await fetch(`${url}?alt=sse`, { method: 'POST', body })).text();
    const events = sse.split('\r\n\r\n').filter(Boolean);
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.startsWith('data: {'))).toBe(true);
    const array = JSON.parse(await (await fetch(url, { method: 'POST', body })).text()) as Array<{
      candidates: Array<{ finishReason?: string }>;
    }>;
    expect(array).toHaveLength(2);
    expect(array[1]?.candidates[0]?.finishReason).toBe('STOP');
  });

  it('counts words as tokens and refuses a request without contents', async () => {
    gemini = await startMockGemini();
    const count = await fetch(`${gemini.baseURL}/models/gemini-2.5-flash:countTokens`, { method: 'POST', body });
    expect(await count.json()).toMatchObject({ totalTokens: 2 });
    const empty = await fetch(`${gemini.baseURL}/models/gemini-2.5-flash:generateContent`, { method: 'POST', body: '{"contents":[]}' });
    expect(empty.status).toBe(400);
  });
});

describe('the mock Google OAuth endpoint', () => {
  it('issues a token only for a JWT signed by the account key with the right claims', async () => {
    vertex = await startMockVertex();
    const now = Math.floor(Date.now() / 1000);
    const good = {
      iss: vertex.key.client_email,
      aud: vertex.oauth.tokenURI,
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      iat: now,
      exp: now + 3600,
    };
    const exchange = (assertion: string) =>
      fetch(vertex!.oauth.tokenURI, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
      });
    const accepted = await exchange(jwt(good, vertex.key.private_key));
    expect(accepted.status).toBe(200);
    const { access_token: token } = (await accepted.json()) as { access_token: string };
    expect(vertex.oauth.issued(token)).toBe(true);
    for (const claims of [
      { ...good, aud: 'https://elsewhere/token' },
      { ...good, exp: now - 10 },
      { ...good, exp: now + 7200 },
      { ...good, scope: 'openid' },
    ]) {
      expect((await exchange(jwt(claims, vertex.key.private_key))).status).toBe(400);
    }
    const tampered = jwt(good, vertex.key.private_key).replace(/\.[^.]+$/, `.${Buffer.from('not the signature').toString('base64url')}`);
    const refused = await exchange(tampered);
    expect(await refused.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    const call = await fetch(
      `${vertex.api.baseURL}/projects/${vertex.project}/locations/${vertex.location}/publishers/google/models/gemini-2.5-flash:generateContent`,
      {
        method: 'POST',
        body,
        headers: { authorization: 'Bearer ya29.not-issued' },
      },
    );
    expect(call.status).toBe(401);
  });
});
