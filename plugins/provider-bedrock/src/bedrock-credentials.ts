import { ConfigError, MissingCredentialError, type CredentialStateV1 } from '@modelgate/core';

/** What a call authenticates with: an AWS key pair for SigV4, or a Bedrock API key. */
export type BedrockCredentials =
  | { type: 'sigv4'; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | { type: 'api-key'; apiKey: string };

export interface BedrockCredentialSettings {
  /** The instance name, for error messages. */
  provider: string;
  /** Where the settings sit in the config (`providers.bedrock`). */
  settingsPath: string;
  region?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  sessionToken?: string | undefined;
  apiKey?: string | undefined;
  auth?: 'auto' | 'sigv4' | 'api_key' | undefined;
  environment?: Readonly<Record<string, string | undefined>> | undefined;
}

export const bedrockEnvironment = {
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  sessionToken: 'AWS_SESSION_TOKEN',
  apiKey: 'AWS_BEARER_TOKEN_BEDROCK',
  region: 'AWS_REGION',
  defaultRegion: 'AWS_DEFAULT_REGION',
} as const;

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function readVariable(settings: BedrockCredentialSettings, name: string): string | undefined {
  return present((settings.environment ?? process.env)[name]);
}

function apiKeyOf(settings: BedrockCredentialSettings): string | undefined {
  return present(settings.apiKey) ?? readVariable(settings, bedrockEnvironment.apiKey);
}

function keyPairOf(settings: BedrockCredentialSettings): BedrockCredentials | undefined {
  // A pair comes from one place: half from the settings and half from the environment would sign with a mismatched secret.
  const fromSettings = present(settings.accessKeyId) !== undefined || present(settings.secretAccessKey) !== undefined;
  const accessKeyId = fromSettings ? present(settings.accessKeyId) : readVariable(settings, bedrockEnvironment.accessKeyId);
  const secretAccessKey = fromSettings ? present(settings.secretAccessKey) : readVariable(settings, bedrockEnvironment.secretAccessKey);
  const sessionToken = fromSettings ? present(settings.sessionToken) : readVariable(settings, bedrockEnvironment.sessionToken);
  if (fromSettings && (accessKeyId === undefined || secretAccessKey === undefined)) {
    const missing = accessKeyId === undefined ? 'access_key_id' : 'secret_access_key';
    throw new MissingCredentialError({ provider: settings.provider, setting: `${settings.settingsPath}.${missing}` });
  }
  if (accessKeyId === undefined || secretAccessKey === undefined) return undefined;
  return { type: 'sigv4', accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) };
}

/**
 * The credentials of a call, read when it is made. With `auth: auto` what the config sets wins over the
 * environment: the `api_key` setting, then a key pair in the settings, then `AWS_BEARER_TOKEN_BEDROCK` (a
 * Bedrock API key wins over a pair, as in the AWS SDKs), then the `AWS_*` key pair. Nothing found is a
 * `MissingCredentialError` naming the settings and variables.
 */
export function loadBedrockCredentials(settings: BedrockCredentialSettings): BedrockCredentials {
  const auth = settings.auth ?? 'auto';
  if (
    auth === 'auto' &&
    present(settings.apiKey) === undefined &&
    (present(settings.accessKeyId) ?? present(settings.secretAccessKey)) !== undefined
  ) {
    // A pair written in the config is meant for this instance: an ambient bearer token must not replace it.
    const pair = keyPairOf(settings);
    if (pair !== undefined) return pair;
  }
  if (auth !== 'sigv4') {
    const apiKey = apiKeyOf(settings);
    if (apiKey !== undefined) return { type: 'api-key', apiKey };
    if (auth === 'api_key') {
      throw new MissingCredentialError({
        provider: settings.provider,
        setting: `${settings.settingsPath}.api_key`,
        environmentVariable: bedrockEnvironment.apiKey,
      });
    }
  }
  const pair = keyPairOf(settings);
  if (pair !== undefined) return pair;
  throw new MissingCredentialError({
    provider: settings.provider,
    setting:
      auth === 'sigv4'
        ? `${settings.settingsPath}.access_key_id`
        : `${settings.settingsPath}.access_key_id (or ${settings.settingsPath}.api_key, or ${bedrockEnvironment.apiKey})`,
    environmentVariable: bedrockEnvironment.accessKeyId,
  });
}

/** The region of a call: the setting, else `AWS_REGION`, else `AWS_DEFAULT_REGION`. */
export function loadBedrockRegion(settings: BedrockCredentialSettings): string {
  const region =
    present(settings.region) ??
    readVariable(settings, bedrockEnvironment.region) ??
    readVariable(settings, bedrockEnvironment.defaultRegion);
  if (region !== undefined) return region;
  throw new ConfigError(
    `Provider "${settings.provider}" has no AWS region: set \`${settings.settingsPath}.region\` or the environment variable ${bedrockEnvironment.region}.`,
    { code: 'missing_region' },
  );
}

/** The credential state for the startup banner, without a call. */
export function describeBedrockCredentials(settings: BedrockCredentialSettings): CredentialStateV1 {
  try {
    const credentials = loadBedrockCredentials(settings);
    return credentials.type === 'api-key'
      ? { state: 'set', environmentVariable: bedrockEnvironment.apiKey, setting: `${settings.settingsPath}.api_key` }
      : { state: 'set', environmentVariable: bedrockEnvironment.accessKeyId, setting: `${settings.settingsPath}.access_key_id` };
  } catch (error) {
    if (!MissingCredentialError.isInstance(error)) throw error;
    return {
      state: 'missing',
      ...(error.environmentVariable === undefined ? {} : { environmentVariable: error.environmentVariable }),
      setting: error.setting,
    };
  }
}
