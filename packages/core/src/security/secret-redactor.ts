/** What a secret is replaced with. */
export const redactedMarker = '[REDACTED]';

/** Secrets shorter than this are not redacted: replacing two letters everywhere would garble every line. */
const minimumSecretLength = 4;

/**
 * Replaces every known secret in text the gateway writes (error bodies, stream error events, log
 * lines, headers built from upstream data). Fed from the loaded config; `add` takes more later
 * (virtual keys, upstream MCP and A2A credentials). Longer secrets are replaced first, so that a
 * secret containing another is not left half visible.
 */
export class SecretRedactor {
  private secrets: string[] = [];

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Adds a secret, and its JSON-escaped form when that differs (log lines are JSON). */
  add(secret: string): void {
    const trimmed = secret.trim();
    if (trimmed.length < minimumSecretLength) return;
    const forms = new Set([trimmed, secret, JSON.stringify(trimmed).slice(1, -1)]);
    let changed = false;
    for (const form of forms) {
      if (form.length < minimumSecretLength || this.secrets.includes(form)) continue;
      this.secrets.push(form);
      changed = true;
    }
    if (changed) this.secrets.sort((left, right) => right.length - left.length);
  }

  /** How many secret forms are known. */
  get size(): number {
    return this.secrets.length;
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      if (result.includes(secret)) result = result.replaceAll(secret, redactedMarker);
    }
    return result;
  }

  /** Whether a text contains a known secret. */
  contains(text: string): boolean {
    return this.secrets.some((secret) => text.includes(secret));
  }
}
