import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RecordedRequest } from '../request-recorder.js';

/** The AWS credentials a mock accepts. */
export interface MockAwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry it in `x-amz-security-token`, signed. */
  sessionToken?: string;
}

/** Why a request was refused, as Bedrock says it: the error type (`x-amzn-errortype`) and its message. */
export interface SigV4Refusal {
  errorType: 'UnrecognizedClientException' | 'InvalidSignatureException' | 'MissingAuthenticationTokenException';
  message: string;
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function header(request: RecordedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Checks a request's SigV4 signature the way AWS does: the credential scope must name the expected
 * key, region and service, and the signature is computed again (with the same signer library) from the
 * method, the path as received, the query, the signed headers and the body, with the secret the mock
 * knows. `undefined` means the signature holds.
 */
export async function verifySigV4(
  request: RecordedRequest,
  expected: { credentials: MockAwsCredentials; region: string; service: string },
): Promise<SigV4Refusal | undefined> {
  const authorization = header(request, 'authorization');
  if (authorization === undefined) return { errorType: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  const match = authorizationPattern.exec(authorization);
  if (!match)
    return {
      errorType: 'InvalidSignatureException',
      message: 'Authorization header requires a valid SigV4 Credential, SignedHeaders and Signature.',
    };
  const [, accessKeyId, shortDate, region, service, signedHeaderList = '', signature] = match;
  if (accessKeyId !== expected.credentials.accessKeyId) {
    return { errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  }
  if (region !== expected.region || service !== expected.service) {
    return {
      errorType: 'InvalidSignatureException',
      message: `Credential should be scoped to a valid region and service (${expected.region}/${expected.service}).`,
    };
  }
  const amzDate = header(request, 'x-amz-date');
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== shortDate) {
    return { errorType: 'InvalidSignatureException', message: 'The request must carry x-amz-date matching the credential scope date.' };
  }
  const signedNames = signedHeaderList.split(';');
  if (!signedNames.includes('host') || !signedNames.includes('x-amz-date')) {
    return { errorType: 'InvalidSignatureException', message: 'host and x-amz-date must be signed headers.' };
  }
  const token = header(request, 'x-amz-security-token');
  if (expected.credentials.sessionToken !== undefined && token !== expected.credentials.sessionToken) {
    return { errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  }
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = header(request, name);
    if (value === undefined) return { errorType: 'InvalidSignatureException', message: `The signed header ${name} is missing.` };
    headers[name] = value;
  }
  // The signer adds the session token itself from the credentials: a token sent but not signed, or signed but different, fails.
  delete headers['x-amz-security-token'];
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(request.query)) query[name] = value;
  const signer = new SignatureV4({
    service: expected.service,
    region: expected.region,
    credentials: expected.credentials,
    sha256: Sha256,
    applyChecksum: false,
  });
  const isoDate = `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`;
  const recomputed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.host ?? '',
      path: request.path,
      query,
      headers,
      ...(request.rawBody === '' ? {} : { body: request.rawBody }),
    },
    { signingDate: new Date(isoDate), signableHeaders: new Set(signedNames) },
  );
  const expectedSignature = /Signature=([0-9a-f]{64})$/.exec(String(recomputed.headers.authorization))?.[1];
  if (expectedSignature !== signature || !sameSignedHeaders(String(recomputed.headers.authorization), signedHeaderList)) {
    return {
      errorType: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    };
  }
  return undefined;
}

function sameSignedHeaders(authorization: string, signedHeaderList: string): boolean {
  return /SignedHeaders=([a-z0-9;-]+)/.exec(authorization)?.[1] === signedHeaderList;
}
