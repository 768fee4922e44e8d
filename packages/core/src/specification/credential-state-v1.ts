/**
 * Whether a provider instance has what it needs to authenticate upstream, found without calling it.
 * A provider declares the ability by implementing `ProviderV1.describeCredentials`.
 */
export interface CredentialStateV1 {
  /** `set`: a key is configured or in the environment; `missing`: a key is needed and absent; `not-required`: the host needs none. */
  state: 'set' | 'missing' | 'not-required';
  /** The environment variable that holds the key, or would (`ANTHROPIC_API_KEY`). */
  environmentVariable?: string;
  /** The settings path of the key (`providers.anthropic.api_key`). */
  setting?: string;
}
