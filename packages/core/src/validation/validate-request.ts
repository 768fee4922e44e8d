import type { z } from 'zod';
import { formatZodIssues } from '../config/format-zod-issues.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';

/** Parses a request body with a schema; the error names the first bad field as `param`. */
export function validateRequest<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError('The request body must be a JSON object.');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = formatZodIssues(result.error);
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new InvalidRequestError(`Invalid value for '${first.path}': ${first.message}${more}`, { param: first.path });
}
