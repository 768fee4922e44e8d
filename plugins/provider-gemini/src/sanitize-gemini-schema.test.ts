import { describe, expect, it } from 'vitest';
import { sanitizeGeminiSchema } from './sanitize-gemini-schema.js';

describe('sanitizeGeminiSchema', () => {
  it('drops keywords Gemini rejects and keeps the ones its Schema takes', () => {
    expect(
      sanitizeGeminiSchema({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: 'x',
        type: 'object',
        title: 'Order',
        additionalProperties: false,
        properties: {
          id: { type: 'string', format: 'uuid', pattern: '^[a-f0-9-]+$', default: 'x', examples: ['a'] },
          count: { type: 'integer', format: 'int32', minimum: 1, maximum: 9, multipleOf: 1, exclusiveMinimum: 0 },
          when: { type: 'string', format: 'date-time' },
          items: { type: 'array', items: { type: 'number', format: 'double' }, minItems: 1, uniqueItems: true },
        },
        required: ['id'],
        patternProperties: { '^x-': {} },
      }),
    ).toEqual({
      type: 'object',
      title: 'Order',
      properties: {
        id: { type: 'string', pattern: '^[a-f0-9-]+$' },
        count: { type: 'integer', format: 'int32', minimum: 1, maximum: 9 },
        when: { type: 'string', format: 'date-time' },
        items: { type: 'array', items: { type: 'number', format: 'double' }, minItems: 1 },
      },
      required: ['id'],
    });
  });

  it('inlines $ref into $defs and definitions, and stops at a recursive reference', () => {
    expect(
      sanitizeGeminiSchema({
        type: 'object',
        properties: { a: { $ref: '#/$defs/A' }, b: { $ref: '#/definitions/B', description: 'Bee.' }, node: { $ref: '#/$defs/Node' } },
        $defs: { A: { type: 'string' }, Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } } },
        definitions: { B: { type: 'boolean' } },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { type: 'boolean', description: 'Bee.' },
        node: { type: 'object', properties: { child: { type: 'object' } } },
      },
    });
  });

  it('turns nullable type lists, oneOf, const and non-string enums into Gemini forms', () => {
    expect(
      sanitizeGeminiSchema({
        type: 'object',
        properties: {
          maybe: { type: ['string', 'null'] },
          either: { type: ['string', 'number'] },
          choice: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
          optional: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
          fixed: { const: 'v1' },
          level: { type: 'integer', enum: [1, 2, 3] },
          merged: { allOf: [{ type: 'object', properties: { x: { type: 'string' } } }] },
        },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        maybe: { type: 'string', nullable: true },
        either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        choice: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        optional: { type: 'string', format: 'date-time', nullable: true },
        fixed: { type: 'string', enum: ['v1'] },
        level: { type: 'string', enum: ['1', '2', '3'] },
        merged: { type: 'object', properties: { x: { type: 'string' } } },
      },
    });
  });

  it('keeps only required names that are properties', () => {
    expect(sanitizeGeminiSchema({ type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'b'] })).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
    });
  });
});
