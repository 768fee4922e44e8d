import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConformanceUpstream, ConformanceUpstreamDefinition } from '../conformance/conformance-upstream.js';
import { googleConformanceLimitations, googleModelOf } from './gemini-conformance-upstream.js';
import { startMockGemini, type MockGeminiServer } from './start-mock-gemini.js';
import { startMockGoogleOAuth, type MockGoogleOAuthServer } from './start-mock-google-oauth.js';
import { createTestServiceAccount, type ServiceAccountKey } from './test-service-account.js';

export const vertexConformanceProject = 'modelgate-conformance';
export const vertexConformanceLocation = 'us-central1';

/** A running mock Vertex AI: the API, its OAuth token endpoint, and a service-account key file for both. */
export interface MockVertex {
  api: MockGeminiServer;
  oauth: MockGoogleOAuthServer;
  /** The key file's content (its `token_uri` is the mock OAuth server). */
  key: ServiceAccountKey;
  /** Where the key file was written (a temporary folder, removed by `close`). */
  keyFile: string;
  project: string;
  location: string;
  close(): Promise<void>;
}

/**
 * Starts a mock Vertex AI with a service account made for the run: the OAuth server verifies the
 * JWT's RS256 signature against the account's public key, and the API accepts only the access tokens
 * it issued. The API and the token endpoint are two servers, so the API's requests are the model calls only.
 */
export async function startMockVertex(
  options: { project?: string; location?: string; expiresInSeconds?: number; now?(): number } = {},
): Promise<MockVertex> {
  const project = options.project ?? vertexConformanceProject;
  const location = options.location ?? vertexConformanceLocation;
  const account = createTestServiceAccount({ projectId: project, tokenURI: '' });
  const oauth = await startMockGoogleOAuth({
    clientEmail: account.key.client_email,
    publicKey: account.publicKey,
    ...(options.expiresInSeconds === undefined ? {} : { expiresInSeconds: options.expiresInSeconds }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  account.key.token_uri = oauth.tokenURI;
  const api = await startMockGemini({ variant: 'vertex', project, location, acceptsToken: (token) => oauth.issued(token) });
  const folder = mkdtempSync(join(tmpdir(), 'modelgate-vertex-'));
  const keyFile = join(folder, 'service-account.json');
  writeFileSync(keyFile, JSON.stringify(account.key, null, 2), { mode: 0o600 });
  return {
    api,
    oauth,
    key: account.key,
    keyFile,
    project,
    location,
    close: async () => {
      await api.close();
      await oauth.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * `startMockVertex` as a conformance upstream. Its `apiKey` is the path of the service-account key
 * file (what `credentials_file` and `GOOGLE_APPLICATION_CREDENTIALS` hold); a request carries the
 * credential when its Bearer token was issued by the mock OAuth server.
 */
export function vertexConformanceUpstream(): ConformanceUpstreamDefinition {
  return {
    wireFormat: 'vertex',
    limitations: googleConformanceLimitations,
    rawFinishReasons: { stop: 'STOP', length: 'MAX_TOKENS', toolCalls: 'STOP' },
    embeddingDimensions: 768,
    start: async (): Promise<ConformanceUpstream> => {
      const vertex = await startMockVertex();
      return {
        baseURL: vertex.api.baseURL,
        apiKey: vertex.keyFile,
        requests: vertex.api.requests,
        enqueue: (...scenarios) => vertex.api.enqueue(...scenarios),
        waitForRequests: (count, waitOptions) => vertex.api.waitForRequests(count, waitOptions),
        waitForAbort: (waitOptions) => vertex.api.waitForAbort(waitOptions),
        hasCredential: (request) => {
          const authorization = request.headers.authorization ?? '';
          return authorization.startsWith('Bearer ') && vertex.oauth.issued(authorization.slice(7));
        },
        modelOf: googleModelOf,
        close: () => vertex.close(),
      };
    },
  };
}
