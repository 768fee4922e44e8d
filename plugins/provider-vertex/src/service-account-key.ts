import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '@modelgate/core';

/** The fields of a service-account key file that the JWT-bearer grant needs. */
export interface ServiceAccountCredentials {
  clientEmail: string;
  privateKey: string;
  privateKeyId?: string;
  projectId?: string;
  /** Where the signed JWT is exchanged for an access token. */
  tokenURI: string;
}

export const defaultTokenURI = 'https://oauth2.googleapis.com/token';

/**
 * Reads a service-account key (the JSON the Google Cloud console downloads): an object, its JSON text,
 * or the path of the file. Anything that is not a service-account key is a `ConfigError` naming `where`,
 * without the key's content.
 */
export function readServiceAccountKey(source: { json: unknown } | { file: string }, where: string): ServiceAccountCredentials {
  let value: unknown;
  if ('file' in source) {
    const path = resolve(source.file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(
        `${where}: cannot read the service-account key file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
        {
          cause: error,
        },
      );
    }
    value = parse(text, `${where} (${path})`);
  } else {
    value = typeof source.json === 'string' ? parse(source.json, where) : source.json;
  }
  const key = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (key.type !== 'service_account' || typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new ConfigError(
      `${where}: not a service-account key (it needs "type": "service_account", "client_email" and "private_key"; ` +
        `user credentials from \`gcloud auth application-default login\` are not supported).`,
    );
  }
  return {
    clientEmail: key.client_email,
    privateKey: key.private_key,
    ...(typeof key.private_key_id === 'string' ? { privateKeyId: key.private_key_id } : {}),
    ...(typeof key.project_id === 'string' ? { projectId: key.project_id } : {}),
    tokenURI: typeof key.token_uri === 'string' && key.token_uri !== '' ? key.token_uri : defaultTokenURI,
  };
}

function parse(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(`${where}: the service-account key is not valid JSON.`);
  }
}
