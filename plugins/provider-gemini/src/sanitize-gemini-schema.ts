/**
 * JSON Schema → the OpenAPI 3.0 subset Google's `Schema` object takes (function `parameters` and
 * `responseSchema`). Google answers 400 ("Unknown name …") for any other keyword, so the schema is
 * rebuilt from an allow-list rather than cleaned of a deny-list:
 * - kept: `type`, `title`, `description`, `nullable`, `enum`, `items`, `properties`, `required`,
 *   `anyOf`, `propertyOrdering`, `minItems`, `maxItems`, `minLength`, `maxLength`, `pattern`,
 *   `minimum`, `maximum`, `minProperties`, `maxProperties`, `example`, and `format` for the values
 *   Google documents (`float`, `double`, `int32`, `int64`, `enum`, `date-time`);
 * - rewritten: `$ref` into `$defs`/`definitions` is inlined (a recursive reference becomes an
 *   open object), `oneOf` becomes `anyOf`, `const` becomes a one-value `enum`, a type list with
 *   `null` becomes `nullable: true` (other type lists become `anyOf`), a single `allOf` is merged in,
 *   enum values become strings (Google's `enum` is a string list);
 * - dropped: `$schema`, `$id`, `$defs`, `additionalProperties`, `default` (documentation only; older
 *   API versions reject it), `examples`, `exclusiveMinimum`/`exclusiveMaximum`, `multipleOf`,
 *   `uniqueItems`, `not`, `if`/`then`/`else`, `patternProperties`, and every other format.
 */
export function sanitizeGeminiSchema(schema: unknown): Record<string, unknown> | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  const root = schema as Record<string, unknown>;
  const definitions = { ...asRecord(root.definitions), ...asRecord(root.$defs) };
  return convert(root, definitions, new Set());
}

const copied = [
  'title',
  'description',
  'pattern',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
  'example',
  'propertyOrdering',
] as const;
const formats = new Set(['float', 'double', 'int32', 'int64', 'enum', 'date-time']);

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function resolveReference(reference: string, definitions: Record<string, unknown>): Record<string, unknown> | undefined {
  const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(reference);
  if (!match) return undefined;
  const found = definitions[decodeURIComponent(match[1]!).replaceAll('~1', '/').replaceAll('~0', '~')];
  return typeof found === 'object' && found !== null ? (found as Record<string, unknown>) : undefined;
}

function convert(schema: Record<string, unknown>, definitions: Record<string, unknown>, visiting: Set<string>): Record<string, unknown> {
  if (typeof schema.$ref === 'string') {
    const reference = schema.$ref;
    const target = resolveReference(reference, definitions);
    // A recursive (or unresolvable) reference cannot be inlined: an open object keeps the request valid.
    if (target === undefined || visiting.has(reference)) {
      return { type: 'object', ...(typeof schema.description === 'string' ? { description: schema.description } : {}) };
    }
    const { $ref: _reference, ...siblings } = schema;
    const next = new Set(visiting).add(reference);
    return convert({ ...target, ...siblings }, definitions, next);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) {
    const { allOf, ...rest } = schema;
    return convert({ ...asRecord(allOf[0]), ...rest }, definitions, visiting);
  }

  const result: Record<string, unknown> = {};
  for (const key of copied) if (schema[key] !== undefined) result[key] = schema[key];
  if (typeof schema.format === 'string' && formats.has(schema.format)) result.format = schema.format;
  if (schema.nullable === true) result.nullable = true;

  const type = schema.type;
  if (Array.isArray(type)) {
    const types = type.filter((item): item is string => typeof item === 'string' && item !== 'null');
    if (types.length < type.length) result.nullable = true;
    if (types.length === 1) result.type = types[0];
    else if (types.length > 1) result.anyOf = types.map((item) => ({ type: item }));
  } else if (typeof type === 'string') {
    if (type === 'null') result.nullable = true;
    else result.type = type;
  }

  if (schema.const !== undefined) result.enum = [String(schema.const)];
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((value) => value !== null);
    if (values.length < schema.enum.length) result.nullable = true;
    result.enum = values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  }
  if (result.enum !== undefined && result.type === undefined) result.type = 'string';
  if (result.enum !== undefined && result.type !== 'string') {
    // Google takes non-string enums only as strings of a string-typed field.
    result.type = 'string';
    delete result.format;
  }

  const properties = asRecord(schema.properties);
  if (schema.properties !== undefined) {
    result.properties = Object.fromEntries(
      Object.entries(properties).map(([name, value]) => [name, convert(asRecord(value), definitions, visiting)]),
    );
  }
  if (Array.isArray(schema.required)) {
    const required = schema.required.filter((name): name is string => typeof name === 'string' && name in properties);
    if (required.length > 0) result.required = required;
  }
  if (schema.items !== undefined) {
    const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
    result.items = convert(asRecord(items), definitions, visiting);
  }

  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (alternatives !== undefined) {
    const nonNull = alternatives.filter((item) => asRecord(item).type !== 'null');
    if (nonNull.length < alternatives.length) result.nullable = true;
    const converted = nonNull.map((item) => convert(asRecord(item), definitions, visiting));
    if (converted.length === 1) Object.assign(result, converted[0], result.nullable ? { nullable: true } : {});
    else if (converted.length > 1) result.anyOf = converted;
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 1) {
    // Several allOf members: their properties and required lists are merged into one object.
    for (const member of schema.allOf.map((item) => convert(asRecord(item), definitions, visiting))) {
      if (member.type !== undefined && result.type === undefined) result.type = member.type;
      if (member.properties !== undefined) result.properties = { ...asRecord(result.properties), ...asRecord(member.properties) };
      if (Array.isArray(member.required)) result.required = [...((result.required as string[] | undefined) ?? []), ...member.required];
    }
  }
  return result;
}

/** Whether a parameters schema declares nothing (Google rejects an OBJECT with empty `properties` in some versions). */
export function isEmptyObjectSchema(schema: Record<string, unknown> | undefined): boolean {
  if (schema === undefined) return true;
  const properties = schema.properties;
  return (
    schema.type === 'object' &&
    (properties === undefined || (typeof properties === 'object' && properties !== null && Object.keys(properties).length === 0))
  );
}
