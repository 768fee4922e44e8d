import type { z } from 'zod';

/** `models[0].deployments[1].provider`, or `(root)` for the top level. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(root)' : text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return issue.keys.length === 1 ? `unknown key ${keys}` : `unknown keys ${keys}`;
  }
  return issue.message;
}

export interface FormattedIssue {
  /** Dotted path of the field, prefixed by the caller's own path. */
  path: string;
  message: string;
}

/** Flattens zod issues into `path: message` pairs, naming unknown keys by their own path. */
export function formatZodIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): FormattedIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: describeIssue(issue),
  }));
}
