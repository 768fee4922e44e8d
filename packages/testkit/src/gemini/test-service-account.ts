import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

/** A Google service-account key file, as the console downloads it. */
export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
}

export interface TestServiceAccount {
  key: ServiceAccountKey;
  /** The public half, to verify the JWTs signed with `key.private_key`. */
  publicKey: KeyObject;
}

/**
 * A service account made for one test run: a fresh RSA key pair (never written to the repository)
 * and the key file's fields, with `token_uri` pointing at a mock OAuth server.
 */
export function createTestServiceAccount(options: { projectId: string; tokenURI: string }): TestServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const name = 'modelgate-test';
  return {
    key: {
      type: 'service_account',
      project_id: options.projectId,
      private_key_id: randomBytes(20).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: `${name}@${options.projectId}.iam.gserviceaccount.com`,
      client_id: String(100_000_000_000_000_000_000n + BigInt(`0x${randomBytes(8).toString('hex')}`)),
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: options.tokenURI,
    },
    publicKey,
  };
}
