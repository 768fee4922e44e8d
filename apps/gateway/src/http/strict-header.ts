import { InvalidRequestError } from '@modelgate/core';
import type { FastifyRequest } from 'fastify';

export const strictHeader = 'x-modelgate-strict';

/**
 * Whether the request asks for strict mode with `x-modelgate-strict: true` (ADR 0021); absent or `false`
 * leaves the deployment's setting. Any other value is a 400 naming the header, not a silent default.
 */
export function strictOf(request: FastifyRequest): boolean | undefined {
  const value = request.headers[strictHeader];
  if (value === undefined) return undefined;
  const text = (Array.isArray(value) ? value.join(',') : value).trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new InvalidRequestError(`The header ${strictHeader} must be true or false.`, { param: strictHeader });
}
