function listKeys(value: object): string {
  const keys = Object.keys(value);
  if (keys.length === 0) return 'no keys';
  const shown = keys.slice(0, 6).join(', ');
  return keys.length > 6 ? `keys ${shown}, …` : `keys ${shown}`;
}

/** Says in a few words what a module's default export is, for the "not a plugin" message. */
export function describeDefaultExport(module: unknown): string {
  const namespace = module as Record<string, unknown> | null;
  if (typeof namespace !== 'object' || namespace === null || !('default' in namespace) || namespace.default === undefined) {
    const names = typeof namespace === 'object' && namespace !== null ? Object.keys(namespace) : [];
    return names.length === 0
      ? 'it has no default export and no named exports'
      : `it has no default export (named exports: ${names.join(', ')})`;
  }
  const value = namespace.default;
  if (value === null) return 'the default export is null';
  if (typeof value === 'function')
    return `the default export is a function${value.name ? ` named ${value.name}` : ''} (call it and export its result?)`;
  if (Array.isArray(value)) return `the default export is an array of ${value.length}`;
  if (typeof value === 'object') {
    const inner = (value as { default?: unknown }).default;
    const hint = inner !== undefined ? ' (a CommonJS module with a nested default? export the definition itself)' : '';
    return `the default export is an object with ${listKeys(value)}${hint}`;
  }
  return `the default export is a ${typeof value} (${JSON.stringify(value)})`;
}
