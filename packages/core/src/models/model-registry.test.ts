import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../config/load-config.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { CredentialStateV1 } from '../specification/credential-state-v1.js';
import { createGateway } from '../gateway/create-gateway.js';
import { ModelRegistry } from './model-registry.js';

const config = parseConfig({
  providers: { keyed: { type: 'keyed' }, demo: { type: 'keyed' } },
  models: [
    {
      name: 'smart',
      deployments: [
        { provider: 'keyed', model: 'big' },
        { provider: 'demo', model: 'demo-smart', standby: true },
      ],
    },
  ],
}).config;

function lookup(keyed: CredentialStateV1['state']) {
  return (name: string): CredentialStateV1 =>
    name === 'keyed' ? { state: keyed, environmentVariable: 'KEYED_API_KEY' } : { state: 'not-required' };
}

describe('ModelRegistry credentials', () => {
  it('keeps only the deployments selectUsableDeployments picks, with ids given before the selection', () => {
    expect(
      new ModelRegistry(config, { credentialsOf: lookup('missing') }).resolve('smart')?.deployments.map((deployment) => deployment.id),
    ).toEqual(['demo/demo-smart']);
    expect(
      new ModelRegistry(config, { credentialsOf: lookup('set') }).resolve('smart')?.deployments.map((deployment) => deployment.id),
    ).toEqual(['keyed/big']);
    expect(new ModelRegistry(config).resolve('smart')?.deployments).toHaveLength(2);
  });

  it('is built by createGateway from each provider instance describeCredentials()', async () => {
    const keyedPlugin = definePlugin({
      kind: 'provider',
      name: 'keyed',
      specificationVersion: 'v1',
      settingsSchema: z.looseObject({}),
      create: (_settings, context) => ({
        specificationVersion: 'v1',
        name: context.instanceName,
        chat: (modelId: string) => ({
          specificationVersion: 'v1' as const,
          provider: context.instanceName,
          modelId,
          generate: async () => ({
            response: {
              content: [{ type: 'text' as const, text: `answered by ${context.instanceName}` }],
              finishReason: { unified: 'stop' as const },
              metadata: {},
              warnings: [],
            },
          }),
          stream: async () => {
            throw new Error('not used');
          },
        }),
        describeCredentials: (): CredentialStateV1 =>
          context.instanceName === 'keyed'
            ? { state: context.environment.KEYED_API_KEY ? 'set' : 'missing', environmentVariable: 'KEYED_API_KEY' }
            : { state: 'not-required' },
      }),
    });
    const without = await createGateway(parseConfig({ ...config }), { plugins: [keyedPlugin], environment: {} });
    const withKey = await createGateway(parseConfig({ ...config }), { plugins: [keyedPlugin], environment: { KEYED_API_KEY: 'k' } });
    try {
      const ask = { model: 'smart', messages: [{ role: 'user' as const, content: 'hi' }] };
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect((await without.completion(ask)).choices[0]?.message.content).toBe('answered by demo');
        expect((await withKey.completion(ask)).choices[0]?.message.content).toBe('answered by keyed');
      }
    } finally {
      await without.close();
      await withKey.close();
    }
  });
});
