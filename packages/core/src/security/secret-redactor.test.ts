import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import { findUnsetCredentials } from '../config/find-unset-credentials.js';
import { createSecretRedactor } from './create-secret-redactor.js';
import { SecretRedactor } from './secret-redactor.js';

describe('SecretRedactor', () => {
  it('replaces every configured secret, longest first, and the JSON-escaped form', () => {
    const redactor = new SecretRedactor(['sk-abcd', 'sk-abcd-longer', 'pa"ss\\word']);
    expect(redactor.redact('a sk-abcd-longer b sk-abcd c')).toBe('a [REDACTED] b [REDACTED] c');
    expect(redactor.redact(JSON.stringify({ message: 'pa"ss\\word' }))).toBe('{"message":"[REDACTED]"}');
    redactor.add('vk-virtual-key');
    expect(redactor.redact('vk-virtual-key')).toBe('[REDACTED]');
    expect(redactor.redact('sk-abc')).toBe('sk-abc');
  });

  it('is built from every credential-like setting, the master key and credential-named variables', () => {
    const { config } = parseConfig({
      auth: { master_key: 'master-secret' },
      providers: {
        a: { type: 'openai', api_key: 'provider-key', headers: { Authorization: 'Bearer header-token', 'X-Title': 'my app' } },
        b: { type: 'bedrock', secret_access_key: 'aws-secret', session_token: 'aws-token', region: 'eu-west-1' },
      },
    });
    const redactor = createSecretRedactor(config, { GROQ_API_KEY: 'groq-key', HOME: '/home/someone' });
    const text = 'master-secret provider-key header-token aws-secret aws-token groq-key my app eu-west-1 /home/someone';
    expect(redactor.redact(text)).toBe('[REDACTED] [REDACTED] [REDACTED] [REDACTED] [REDACTED] [REDACTED] my app eu-west-1 /home/someone');
  });
});

describe('findUnsetCredentials', () => {
  it('names the providers whose credential references an unset variable, and only those', () => {
    const loaded = parseConfig(
      { providers: { team: { type: 'openai', api_key: '${MY_TEAM_KEY}' }, open: { type: 'openai', base_url: '${NO_URL:-http://x/v1}' } } },
      { environment: {} },
    );
    expect(loaded.unsetReferences).toEqual([{ path: ['providers', 'team', 'api_key'], variable: 'MY_TEAM_KEY', removedKey: true }]);
    const unavailable = findUnsetCredentials(loaded.config, loaded.unsetReferences);
    expect([...unavailable.keys()]).toEqual(['team']);
    expect(unavailable.get('team')!.message).toBe('providers.team.api_key references MY_TEAM_KEY, which is not set.');
  });
});
