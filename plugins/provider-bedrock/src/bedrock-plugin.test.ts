import { ConfigError, PluginLoader, type ProviderV1 } from '@modelgate/core';
import { bedrockTestCredentials, startMockBedrock, type MockBedrockServer } from '@modelgate/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import bedrockPluginDefault, { bedrockPlugin } from './index.js';
import { servePixel } from './test-fixtures/serve-pixel.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const providers: ProviderV1[] = [];
let mock: MockBedrockServer | undefined;
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close?.()));
  await mock?.close();
  mock = undefined;
});

async function instantiate(settings: Record<string, unknown>, environment: Record<string, string | undefined> = {}) {
  const loader = new PluginLoader({ plugins: [bedrockPlugin], environment, logger: silent });
  const provider = await loader.instantiate({
    kind: 'provider',
    instanceName: 'aws',
    type: 'bedrock',
    settings,
    configPath: ['providers', 'aws'],
  });
  providers.push(provider);
  return provider;
}

describe('the bedrock plugin', () => {
  it('is the default export, a v1 provider plugin with a strict snake_case schema', async () => {
    expect(bedrockPluginDefault).toBe(bedrockPlugin);
    expect(bedrockPlugin).toMatchObject({ kind: 'provider', name: 'bedrock', specificationVersion: 'v1' });
    const schema = bedrockPlugin.settingsSchema;
    expect(
      schema.safeParse({ region: 'us-east-1', media_fetch: { allow_private_network: true, max_bytes: 1000, timeout_ms: 500 } }).success,
    ).toBe(true);
    expect(schema.safeParse({ regoin: 'us-east-1' }).success).toBe(false);
    expect(schema.safeParse({ region: 'US East' }).success).toBe(false);
    expect(schema.safeParse({ auth: 'password' }).success).toBe(false);
    await expect(instantiate({ region: 'us-east-1', base_url: 'ftp://example.com' })).rejects.toSatisfy(
      (error: unknown) => ConfigError.isInstance(error) && String((error as Error).message).includes('providers.aws.base_url'),
    );
  });

  it('creates a provider from the YAML settings: names, region, base URL, session token and media settings', async () => {
    mock = await startMockBedrock({ credentials: { ...bedrockTestCredentials, sessionToken: 'token-1' }, region: 'ap-south-1' });
    const media = await servePixel();
    try {
      const provider = await instantiate({
        region: 'ap-south-1',
        base_url: mock.baseURL,
        access_key_id: bedrockTestCredentials.accessKeyId,
        secret_access_key: bedrockTestCredentials.secretAccessKey,
        session_token: 'token-1',
        media_fetch: { allow_private_network: true },
      });
      expect(provider.name).toBe('aws');
      expect(provider.describeCredentials?.()).toMatchObject({ state: 'set', setting: 'providers.aws.access_key_id' });
      const { response } = await provider.chat('amazon.nova-lite-v1:0').generate(
        {
          model: 'alias',
          messages: [
            {
              role: 'user',
              content: [
                { type: 'image', source: { type: 'url', url: `${media.url}/x.png` } },
                { type: 'text', text: 'What?' },
              ],
            },
          ],
        },
        {},
      );
      expect(response.content).toEqual([{ type: 'text', text: 'Hello from the Bedrock mock.' }]);
      expect(mock.hasCredential(mock.requests[0]!)).toBe(true);
    } finally {
      await media.close();
    }
  });

  it('names the setting and the variable when the region or the credentials are missing, at call time', async () => {
    const provider = await instantiate({}, {});
    expect(provider.describeCredentials?.()).toMatchObject({ state: 'missing', environmentVariable: 'AWS_ACCESS_KEY_ID' });
    const noRegion = await instantiate({ api_key: 'ABSK-x' });
    await expect(
      noRegion.chat('m').generate({ model: 'a', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, {}),
    ).rejects.toThrow(/providers\.aws\.region.*AWS_REGION/);
    const half = await instantiate({ region: 'us-east-1', access_key_id: 'AKIA1' }, { AWS_SECRET_ACCESS_KEY: 'from-environment' });
    expect(half.describeCredentials?.()).toMatchObject({ state: 'missing', setting: 'providers.aws.secret_access_key' });
  });
});
