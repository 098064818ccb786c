import fc from 'fast-check';
import { HOSTILE_STRINGS } from './hostile';

/*
 * Requests generated from the OpenAPI document itself: each route's declared body, query, headers and
 * path parameters become fast-check arbitraries that are mostly well-formed (so validation goes deep)
 * and, at every level, sometimes hostile. A route added to the document is fuzzed without a word here.
 */

type Json = Record<string, unknown>;
type Schema = Json & {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
};

export interface Operation {
  method: string;
  /** OpenAPI path: /api/v1/reports/{id} */
  path: string;
  roles: string[];
  parameters: Array<{ name: string; in: 'path' | 'query' | 'header'; schema: Schema }>;
  body?: { contentType: string; schema: Schema };
}

export function operationsOf(doc: Json): Operation[] {
  const paths = doc.paths as Record<string, Record<string, Json>>;
  return Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const content = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content;
      const [contentType, media] = Object.entries(content ?? {})[0] ?? [];
      return {
        method: method.toUpperCase(),
        path,
        roles: op['x-roles'] as string[],
        parameters: (op.parameters ?? []) as Operation['parameters'],
        ...(contentType && media ? { body: { contentType, schema: media.schema } } : {}),
      };
    }),
  );
}

const LONG = 'x'.repeat(20_000);

/** Values of any JSON type, the hostile strings among them, for any position in a body. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(
    '',
    ' ',
    LONG,
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    [],
    {},
    [[[[[]]]]],
    { $ne: null },
    { __proto__: { polluted: true } },
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A string for a header or query value: what a client can put on the wire (no control characters in headers). */
export const hostileWireString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(
    '',
    '-1',
    '0',
    '1e3',
    '1.5',
    'NaN',
    'Infinity',
    '99999999999999999999',
    '0x10',
    ' 1',
    'true',
    'null',
    'x'.repeat(5000),
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

export class RequestArbitraries {
  constructor(
    private readonly doc: Json,
    /** Ids that exist in the graph, so that fuzzing reaches past "not found". */
    private readonly ids: readonly string[],
  ) {}

  private resolve(schema: Schema): Schema {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = (this.doc.components as { schemas: Record<string, Schema> }).schemas[name];
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    return this.resolve(target);
  }

  /** Mostly a value the schema allows; one time in eight, at each level, something it does not. */
  value(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
    if (depth > 6) return hostileValue;
    return fc.oneof(
      { weight: 7, arbitrary: this.conforming(this.resolve(schema), depth) },
      { weight: 1, arbitrary: hostileValue },
    );
  }

  private conforming(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const union = schema.anyOf ?? schema.oneOf;
    if (union) return fc.oneof(...union.map((s) => this.value(s, depth + 1)));
    const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    if (type.length > 1) return fc.oneof(...type.map((t) => this.conforming({ ...schema, type: t }, depth)));
    switch (type[0]) {
      case 'string':
        return this.string(schema);
      case 'integer': {
        const min = schema.minimum ?? -1_000_000;
        const max = Math.min(schema.maximum ?? 1_000_000, 1_000_000_000);
        return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min - 1, max + 1, 0.5 + min));
      }
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return this.array(schema, depth);
      case 'object':
        return this.object(schema, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private string(schema: Schema): fc.Arbitrary<string> {
    const options: fc.Arbitrary<string>[] = [fc.constantFrom(...HOSTILE_STRINGS)];
    if (schema.pattern)
      options.push(fc.stringMatching(new RegExp(schema.pattern)), fc.stringMatching(new RegExp(schema.pattern)));
    else options.push(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) }));
    if (this.ids.length > 0) options.push(fc.constantFrom(...this.ids));
    if (schema.maxLength !== undefined)
      options.push(fc.constantFrom('y'.repeat(schema.maxLength), 'y'.repeat(schema.maxLength + 1)));
    return fc.oneof(...options);
  }

  private array(schema: Schema, depth: number): fc.Arbitrary<unknown[]> {
    const item = schema.items ? this.value(schema.items, depth + 1) : hostileValue;
    const minLength = schema.minItems ?? 0;
    const regular = fc.array(item, {
      minLength,
      maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, minLength + 3)),
    });
    if (schema.maxItems === undefined || schema.maxItems > 1000) return regular;
    // One over the limit, with copies of one item so the body stays small enough to reach validation.
    const over = item.map((one) => Array.from({ length: schema.maxItems! + 1 }, () => one));
    return fc.oneof({ weight: 9, arbitrary: regular }, { weight: 1, arbitrary: over });
  }

  private object(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    const properties = schema.properties ?? {};
    const shape = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, this.value(s, depth + 1)]));
    const known =
      Object.keys(properties).length > 0 ? fc.record(shape, { requiredKeys: schema.required ?? [] }) : fc.constant({});
    const extraKey = fc.oneof(
      fc.constantFrom(...this.words()),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('__proto__', 'constructor', 'prototype'),
    );
    const extras =
      typeof schema.additionalProperties === 'object'
        ? fc.dictionary(extraKey, this.value(schema.additionalProperties, depth + 1), { maxKeys: 4 })
        : fc.oneof(
            { weight: 6, arbitrary: fc.constant({}) },
            { weight: 1, arbitrary: fc.dictionary(extraKey, hostileValue, { maxKeys: 2 }) },
          );
    // Own-property assignment, so that a '__proto__' key is sent as a key and not swallowed as a prototype.
    return fc.tuple(known, extras).map(([a, b]) => {
      const out: Json = {};
      for (const [k, v] of [...Object.entries(b), ...Object.entries(a as Json)])
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    });
  }

  private wordList: string[] | undefined;
  /** Every enum value and property name in the document: keys a dictionary (FtM properties) may hold. */
  private words(): string[] {
    if (this.wordList) return this.wordList;
    const found = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) {
        for (const item of v) walk(item);
        return;
      }
      if (!v || typeof v !== 'object') return;
      for (const [k, child] of Object.entries(v as Json)) {
        if (k === 'enum' && Array.isArray(child)) {
          for (const c of child) if (typeof c === 'string') found.add(c);
        }
        if (k === 'properties' && child && typeof child === 'object') {
          for (const p of Object.keys(child)) found.add(p);
        }
        walk(child);
      }
    };
    walk(this.doc.components);
    this.wordList = [...found];
    return this.wordList;
  }

  /** A path segment: a real id, one the pattern allows, anything at all, or broken percent-encoding. */
  pathSegment(schema: Schema): fc.Arbitrary<string> {
    return fc.oneof(
      ...(this.ids.length > 0 ? [fc.constantFrom(...this.ids).map(encodeURIComponent)] : []),
      this.conforming(this.resolve(schema), 0).map((v) => encodeURIComponent(String(v))),
      fc.string({ unit: 'binary', maxLength: 40 }).map((v) => encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, ''))),
      fc.constantFrom(...HOSTILE_STRINGS.filter((s) => !/[\uD800-\uDFFF]/.test(s))).map(encodeURIComponent),
      fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '..', '%2e%2e%2f', '%00', 'x'.repeat(3000)),
    );
  }

  /** A query or header value as a string on the wire. */
  wireValue(schema: Schema): fc.Arbitrary<string> {
    return fc.oneof(
      {
        weight: 3,
        arbitrary: this.conforming(this.resolve(schema), 0).map((v) =>
          typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
        ),
      },
      { weight: 1, arbitrary: hostileWireString },
    );
  }
}
