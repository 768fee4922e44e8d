import { parseConfigText } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { createAppGateway } from '../create-app-gateway.js';
import { buildStartupBanner } from './startup-banner.js';

const configText = `
providers:
  openai: { type: openai }
  anthropic: { type: anthropic-openai, api_key: \${BANNER_TEST_ANTHROPIC_KEY} }
  local: { type: ollama }
models:
  - name: smart
    deployments:
      - { provider: anthropic, model: claude-sonnet-4-5 }
      - { provider: openai, model: gpt-4.1 }
  - name: careful
    deployments:
      - { provider: anthropic, model: claude-opus-4-1 }
  - name: offline
    deployments:
      - { provider: local, model: llama3.2 }
`;

async function bannerFor(environment: Record<string, string>): Promise<string> {
  const loaded = parseConfigText(configText, { source: 'config/gateway.yaml', environment });
  const gateway = await createAppGateway(loaded, { environment });
  try {
    return buildStartupBanner({
      version: '9.9.9',
      loaded,
      url: 'http://127.0.0.1:4000',
      host: '127.0.0.1',
      provider: (name) => gateway.provider(name),
    });
  } finally {
    await gateway.close();
  }
}

describe('startup banner', () => {
  it('says which providers lack a key, which deployments can serve, and which variables are unset', async () => {
    const banner = await bannerFor({ OPENAI_API_KEY: 'sk-test' });
    expect(banner).toBe(
      [
        'modelgate 9.9.9 listening on http://127.0.0.1:4000',
        '  config:    config/gateway.yaml',
        '  auth:      none, loopback only (set auth.master_key to listen on other addresses)',
        '  providers:',
        '    openai: key set',
        '    anthropic (anthropic-openai): no key — set ANTHROPIC_API_KEY',
        '    local (ollama): no key needed',
        '  models:',
        '    smart → openai/gpt-4.1 (1 more without credentials)',
        '    careful → no usable deployment (1 more without credentials)',
        '    offline → local/llama3.2',
        '  storage:   none (no durable records yet)',
        '  state:     memory (this process only)',
        '  warning: BANNER_TEST_ANTHROPIC_KEY is not set (used by providers.anthropic.api_key)',
        '',
      ].join('\n'),
    );
  });

  it('lights a provider up once its key variable is set', async () => {
    const banner = await bannerFor({ OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-ant' });
    expect(banner).toContain('    anthropic (anthropic-openai): key set');
    expect(banner).toContain('    smart → anthropic/claude-sonnet-4-5, openai/gpt-4.1\n');
    expect(banner).not.toContain('no key —');
  });

  it('lists a standby demo deployment as serving only while no other deployment has its key', async () => {
    const text = `
providers:
  openai: { type: openai }
  demo: { type: demo }
models:
  - name: smart
    deployments:
      - { provider: openai, model: gpt-4.1 }
      - { provider: demo, model: demo-smart, standby: true }
`;
    const banner = async (environment: Record<string, string>) => {
      const loaded = parseConfigText(text, { source: 'config/gateway.yaml', environment });
      const gateway = await createAppGateway(loaded, { environment });
      try {
        return buildStartupBanner({
          version: '9.9.9',
          loaded,
          url: 'http://127.0.0.1:4000',
          host: '127.0.0.1',
          provider: (name) => gateway.provider(name),
        });
      } finally {
        await gateway.close();
      }
    };
    expect(await banner({})).toContain('    smart → demo/demo-smart (1 more without credentials)\n');
    expect(await banner({ OPENAI_API_KEY: 'sk-test' })).toContain('    smart → openai/gpt-4.1 (standby: demo/demo-smart)\n');
  });
});
