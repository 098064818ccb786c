import type { Router } from 'express';
import { z } from 'zod';
import { ErrorBody } from '../domain/api';
import { VERSION } from '../version';
import {
  type BodyDoc,
  type ErrorStatus,
  type HttpMethod,
  type JsonSchema,
  mountSection,
  type ResponseDoc,
  type RouteDoc,
  routesFor,
  type Section,
  type SectionDoc,
} from './routeTable';

/*
 * The OpenAPI 3.1 document, made from the route table (routeTable.ts): the sections an app mounts,
 * their routes and the zod schemas those routes validate with, so the document cannot drift from the
 * validation.
 */

const JSON_TYPE = 'application/json';
export const OPENAPI_PATH = '/api/v1/openapi.json';

/** Error answers every route may give, with what they mean unless the route says better. */
const ERRORS = {
  400: 'invalid input: `issues` names every bad field and what it allows',
  401: 'no valid API key',
  403: "the key's role may not call this",
  404: 'not found, or not visible to this key',
  409: 'conflicts with what is already there',
  413: 'the body is larger than the limit',
  415: 'the body is not sent with the content type this route reads',
  429: 'too many refused API keys from this address: every key is refused until the time Retry-After gives',
  431: 'the request headers are larger than the server reads: Node answers this itself, before Lantern, without a body',
} as const satisfies Record<ErrorStatus, string>;

const toOpenApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

function operationId(method: HttpMethod, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, '/')
    .split(/[/.-]/)
    .filter(Boolean)
    .flatMap((part) => (part.startsWith(':') ? ['by', part.slice(1)] : [part]));
  return method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function impliedErrors(route: RouteDoc): ErrorStatus[] {
  const implied: ErrorStatus[] = [];
  if (route.body || route.query || route.headers) implied.push(400);
  if (route.roles !== 'public') implied.push(401, 403, 429);
  if (route.params) implied.push(404);
  if (route.body) implied.push(413, 415);
  // Any request may get it; named where nothing else is, so that every operation says how it can fail.
  if (implied.length === 0 && !route.errors) implied.push(431);
  return implied;
}

/** zod names extracted schemas `#/$defs/<id>`; in OpenAPI they live in components. */
function pointToComponents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pointToComponents);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' ? v.replace(/^#\/\$defs\//, '#/components/schemas/') : pointToComponents(v),
    ]),
  );
}

/**
 * Gives every name in `required` a schema in `properties`, as OpenAPI tools expect: zod writes a record
 * with enum keys as `propertyNames` and `additionalProperties`, and the annotations' `anyOf` alternatives
 * name a property without describing it. The value schema of such a name is `additionalProperties`.
 */
function defineRequired(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(defineRequired);
  if (value === null || typeof value !== 'object') return value;
  const schema: JsonSchema = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, defineRequired(v)]));
  if (!Array.isArray(schema.required)) return schema;
  const properties = { ...(schema.properties as Record<string, unknown> | undefined) };
  const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
  for (const name of schema.required as string[]) properties[name] ??= values;
  return { ...schema, properties };
}

/** One rendering of the document: collects the components the operations refer to. */
class DocumentBuilder {
  readonly schemas: Record<string, JsonSchema> = {};

  constructor(
    private readonly names: z.core.$ZodRegistry<{ id: string }>,
    private readonly named: ReadonlySet<string>,
    private readonly annotations: ReadonlyMap<z.core.$ZodType, JsonSchema>,
  ) {}

  /** Requests are described as they may be sent (`input`: defaults optional), answers as they come. */
  render(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, {
      io,
      metadata: this.names,
      unrepresentable: 'any',
      override: ({ zodSchema, jsonSchema }) => this.decorate(zodSchema, jsonSchema as JsonSchema, io),
    }) as JsonSchema;
    const { $schema: _dialect, $defs, ...root } = json;
    for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      this.addComponent(name, pointToComponents(defineRequired(def)) as JsonSchema);
    }
    return pointToComponents(defineRequired(root)) as JsonSchema;
  }

  private decorate(zodSchema: z.core.$ZodType, jsonSchema: JsonSchema, io: 'input' | 'output'): void {
    // `metadata` is the registry of names, so descriptions given with .describe()/.meta() are added here.
    const { id: _id, ...meta } = z.globalRegistry.get(zodSchema) ?? {};
    Object.assign(jsonSchema, meta, this.annotations.get(zodSchema));
    // The contract is "extend, do not break": answers may gain fields, so clients must not refuse unknown ones.
    if (io === 'output' && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
  }

  private addComponent(name: string, schema: JsonSchema): void {
    // zod extracts unnamed schemas only when they are recursive, under made-up names that would clash.
    if (!this.named.has(name))
      throw new Error(`a recursive schema (extracted as '${name}') needs a name in components`);
    if (!(name in this.schemas)) {
      this.schemas[name] = schema;
      return;
    }
    if (JSON.stringify(this.schemas[name]) !== JSON.stringify(schema)) {
      throw new Error(
        `the schema '${name}' reads differently as a request and as an answer; give each use its own component name`,
      );
    }
  }

  parameters(where: 'path' | 'query' | 'header', object: z.ZodObject | undefined): JsonSchema[] {
    if (!object) return [];
    const json = this.render(object, 'input');
    const properties = json.properties as Record<string, JsonSchema> | undefined;
    if (!properties) throw new Error(`${where} parameters must be an inline z.object, not a named component`);
    const required = new Set((json.required as string[] | undefined) ?? []);
    return Object.entries(properties).map(([name, { description, ...schema }]) => ({
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema,
    }));
  }

  requestBody(body: BodyDoc): JsonSchema {
    const content = { [body.contentType ?? JSON_TYPE]: { schema: this.render(body.schema, 'input') } };
    return { required: !body.optional, content };
  }

  operation(route: RouteDoc): JsonSchema {
    const parameters = [
      ...this.parameters('path', route.params),
      ...this.parameters('query', route.query),
      ...this.parameters('header', route.headers),
    ];
    const who = route.roles === 'public' ? 'No API key needed.' : `Roles: ${route.roles.join(', ')}.`;
    const responses: Record<string, JsonSchema> = {};
    for (const [status, answer] of Object.entries(route.responses) as Array<[string, ResponseDoc]>) {
      const contentType = answer.contentType ?? (answer.schema ? JSON_TYPE : undefined);
      responses[status] = {
        description: answer.description,
        ...(answer.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(answer.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }]),
              ),
            }
          : {}),
        ...(contentType
          ? { content: { [contentType]: answer.schema ? { schema: this.render(answer.schema, 'output') } : {} } }
          : {}),
      };
    }
    const error = { [JSON_TYPE]: { schema: this.render(ErrorBody, 'output') } };
    for (const status of new Set([
      ...impliedErrors(route),
      ...(Object.keys(route.errors ?? {}).map(Number) as ErrorStatus[]),
    ])) {
      const description = route.errors?.[status] ?? ERRORS[status];
      responses[status] = status === 431 ? { description } : { description, content: error };
    }
    return {
      tags: [route.tag],
      summary: route.summary,
      description: route.description ? `${route.description}\n\n${who}` : who,
      operationId: operationId(route.method, route.path),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body ? { requestBody: this.requestBody(route.body) } : {}),
      responses,
      security: route.roles === 'public' ? [] : [{ bearer: [] }, { basic: [] }],
      'x-roles': route.roles === 'public' ? [] : [...route.roles],
    };
  }
}

/** The document of these sections; a method and path declared twice is a mistake and throws. */
export function openApiDocument(sections: readonly SectionDoc[]): JsonSchema {
  const names = z.registry<{ id: string }>();
  const named = new Set<string>(['ErrorBody']);
  names.add(ErrorBody, { id: 'ErrorBody' });
  const annotations = new Map<z.core.$ZodType, JsonSchema>();
  const tags = new Map<string, string>();
  const routes = new Map<string, RouteDoc>();
  for (const section of sections) {
    for (const [name, description] of Object.entries(section.tags ?? {})) tags.set(name, description);
    for (const [name, schema] of Object.entries(section.components ?? {})) {
      names.add(schema, { id: name });
      named.add(name);
    }
    for (const [schema, keywords] of section.annotations ?? []) {
      annotations.set(schema, { ...annotations.get(schema), ...keywords });
    }
    for (const route of section.routes) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      if (routes.has(key)) throw new Error(`${key} is declared twice in the API document`);
      routes.set(key, route);
    }
  }
  const builder = new DocumentBuilder(names, named, annotations);
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes.values()) {
    const path = toOpenApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: builder.operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lantern API',
      version: VERSION,
      description:
        'Submit what victims report, review the matched entities, and follow what the pipeline does. ' +
        'Every route under /api/v1 takes an API key: `Authorization: Bearer <key>`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    // Paths are absolute, so the server is wherever this document was fetched from.
    servers: [{ url: '/', description: 'the Lantern instance serving this document' }],
    tags: [...tags].map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: builder.schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer <key>`.' },
        basic: {
          type: 'http',
          scheme: 'basic',
          description: 'The same API key as the password, with any user name: for browsers and Prometheus.',
        },
      },
    },
  };
}

const route = routesFor<{ document: JsonSchema }>();

/** The document itself, served without a key: it describes the API and holds no data. */
export const openApiSection: Section<{ document: JsonSchema }> = {
  tags: { Operations: 'Health, metrics and this document.' },
  routes: [
    route({
      method: 'get',
      path: OPENAPI_PATH,
      tag: 'Operations',
      summary: 'This document',
      roles: 'public',
      responses: { 200: { description: 'the OpenAPI 3.1 document of this API', contentType: JSON_TYPE } },
      handle: ({ res }, { document }) => {
        res.json(document);
      },
    }),
  ],
};

export function openApiRouter(document: JsonSchema): Router {
  return mountSection(openApiSection, { document });
}
