import { findUnsetCredentials, formatPath, type LoadedConfig } from '@modelgate/core';

/**
 * What the operator is told once at start-up: each reference to an unset variable, by config path.
 * A provider whose credential is such a reference answers every call with an error naming it.
 */
export function startupWarnings(loaded: LoadedConfig): string[] {
  const unavailable = findUnsetCredentials(loaded.config, loaded.unsetReferences);
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const reference of loaded.unsetReferences ?? []) {
    const path = formatPath(reference.path);
    const line = `${path} references ${reference.variable}, which is not set`;
    if (seen.has(line)) continue;
    seen.add(line);
    const provider = [...unavailable.entries()].find(([, error]) => error.setting === path)?.[0];
    warnings.push(provider === undefined ? `${line}.` : `${line}: provider "${provider}" answers an error until it is set.`);
  }
  return warnings;
}
