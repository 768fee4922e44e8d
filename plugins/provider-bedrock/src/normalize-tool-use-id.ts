import { createHash } from 'node:crypto';

const validToolUseId = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A tool call id as Bedrock accepts it (`[a-zA-Z0-9_-]`, at most 64 characters). Valid ids pass
 * unchanged; others (from another provider's history) become a hash, the same for a call and its
 * result, never a truncation that could make two ids collide.
 */
export function normalizeToolUseId(id: string): string {
  if (validToolUseId.test(id)) return id;
  return `tooluse_${createHash('sha256').update(id).digest('base64url').slice(0, 32).replace(/-/g, '_')}`;
}
