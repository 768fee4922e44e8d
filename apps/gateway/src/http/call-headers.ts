import type { CallMetadata, SecretRedactor } from '@modelgate/core';
import { formatCostUsd } from './format-cost-usd.js';

const printable = /^[\x20-\x7e]*$/;

/** A header value Node accepts: printable ASCII kept as is, anything else percent-encoded. */
function headerValue(value: string): string {
  return printable.test(value) ? value : encodeURIComponent(value);
}

/** The deployment header's value, made once per deployment. */
const deploymentValues = new WeakMap<CallMetadata['deployment'], string>();

function deploymentValue(deployment: CallMetadata['deployment']): string {
  let value = deploymentValues.get(deployment);
  if (value === undefined) {
    value = headerValue(`${deployment.provider}/${deployment.model}`);
    deploymentValues.set(deployment, value);
  }
  return value;
}

/**
 * Headers describing how a call was served: deployment, attempts, gateway overhead (handler time
 * minus upstream time, at the moment the headers are written), the call's cost when known (a stream's is
 * not known yet: it goes in the final usage), the provider's warnings (settings it
 * dropped or clamped) and the upstream's `x-ratelimit-*` (all redacted: a header never carries a configured
 * secret to the client).
 */
export function callHeaders(metadata: CallMetadata, handlerStarted: number, redactor?: SecretRedactor): Record<string, string> {
  const overheadMs = Math.max(0, performance.now() - handlerStarted - metadata.upstreamMs);
  const headers: Record<string, string> = {
    'x-modelgate-deployment': deploymentValue(metadata.deployment),
    'x-modelgate-attempts': String(metadata.attempts),
    'x-modelgate-overhead-ms': overheadMs.toFixed(2),
  };
  if (metadata.costUsd !== undefined) headers['x-modelgate-cost-usd'] = formatCostUsd(metadata.costUsd);
  if (metadata.warnings.length > 0)
    headers['x-modelgate-warnings'] = headerValue(metadata.warnings.map((warning) => warning.message).join(' | '));
  const upstream = metadata.upstream?.headers;
  if (upstream !== undefined) {
    for (const name in upstream) {
      const lower = name.toLowerCase();
      const value = upstream[name];
      if (lower.startsWith('x-ratelimit-') && typeof value === 'string') {
        headers[lower] = headerValue(redactor === undefined ? value : redactor.redact(value));
      }
    }
  }
  return headers;
}
