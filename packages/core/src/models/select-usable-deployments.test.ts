import { describe, expect, it } from 'vitest';
import type { CredentialStateV1 } from '../specification/credential-state-v1.js';
import { selectUsableDeployments } from './select-usable-deployments.js';

const states: Record<string, CredentialStateV1> = {
  openai: { state: 'missing', environmentVariable: 'OPENAI_API_KEY' },
  groq: { state: 'set', environmentVariable: 'GROQ_API_KEY' },
  ollama: { state: 'not-required' },
  demo: { state: 'not-required' },
};
const lookup = (provider: string) => states[provider];
const openai = { provider: 'openai', model: 'gpt-4.1' };
const groq = { provider: 'groq', model: 'llama' };
const ollama = { provider: 'ollama', model: 'llama3.2' };
const demo = { provider: 'demo', model: 'demo-smart', standby: true };
const silent = { provider: 'plugin-without-report', model: 'x' };

describe('selectUsableDeployments', () => {
  it('leaves out a deployment whose provider misses its credentials, keeping the order', () => {
    expect(selectUsableDeployments([openai, groq, ollama], lookup)).toEqual([groq, ollama]);
  });

  it('keeps every deployment when none has credentials, so the error names the variable', () => {
    expect(selectUsableDeployments([openai, { ...openai, model: 'gpt-4.1-mini' }], lookup)).toEqual([
      openai,
      { ...openai, model: 'gpt-4.1-mini' },
    ]);
  });

  it('uses a standby deployment only when no other deployment has credentials', () => {
    expect(selectUsableDeployments([openai, demo], lookup)).toEqual([demo]);
    expect(selectUsableDeployments([openai, demo], (provider) => (provider === 'openai' ? { state: 'set' } : lookup(provider)))).toEqual([
      openai,
    ]);
    expect(selectUsableDeployments([groq, demo], lookup)).toEqual([groq]);
  });

  it('counts a provider that reports nothing as usable', () => {
    expect(selectUsableDeployments([openai, silent], lookup)).toEqual([silent]);
  });
});
