import { Router } from 'express';
import { z } from 'zod';
import { ErrorBody } from '../domain/api';
import type { ApiRole } from '../domain/auth';
import { VERSION } from '../version';
import { coreApi } from './routes/docs';

/*
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate with: a route is declared
 * once here (method, path, who may call it, which schemas) and its JSON Schemas come from zod, so the
 * document cannot drift from the validation. Routers outside the core declare themselves next to their
 * handlers with `apiDoc.route(...)` or `apiDoc.add({...})`.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type JsonSchema = Record<string, unknown>;

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
} as const;
export type ErrorStatus = keyof typeof ERRORS;

export interface ResponseDoc {
  description: string;
  /** Omitted for bodies that are not JSON data (files, text) and for empty answers. */
  schema?: z.ZodType;
  /** Defaults to JSON when there is a schema. */
  contentType?: string;
  /** Response headers worth knowing, with what they say. */
  headers?: Record<string, string>;
}

export interface RouteDoc {
  method: HttpMethod;
  /** Absolute and in express syntax, exactly as served: '/api/v1/reports/:id'. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Who may call it; 'public' needs no key. */
  roles: readonly ApiRole[] | 'public';
  /** One schema per `:name` in the path. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  /** Defaults to JSON. */
  bodyContentType?: string;
  responses: Partial<Record<number, ResponseDoc>>;
  /**
   * Errors beyond those the declaration implies (400 for input, 401/403 for keys, 404 for path ids,
   * 413/415 for bodies), or better words for implied ones.
   */
  errors?: Partial<Record<ErrorStatus, string>>;
}

export interface ApiSection {
  /** Tag name -> what the area is for. */
  tags?: Record<string, string>;
  /** Schemas shown under their own name in components/schemas and referenced wherever they occur. */
  components?: Record<string, z.ZodType>;
  /** JSON Schema keywords for rules zod checks in code (refine, superRefine), which its export cannot see. */
  annotations?: ReadonlyArray<readonly [z.ZodType, JsonSchema]>;
  routes?: RouteDoc[];
}

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
  return implied;
}

/** zod names extracted schemas `#/$defs/<id>`; in OpenAPI they live in components. */
function pointToComponents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pointToComponents);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace(/^#\/\$defs\//, '#/components/schemas/') : pointToComponents(v)]),
  );
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
    for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) this.addComponent(name, pointToComponents(def) as JsonSchema);
    return pointToComponents(root) as JsonSchema;
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
    if (!this.named.has(name)) throw new Error(`a recursive schema (extracted as '${name}') needs a name in components`);
    if (!(name in this.schemas)) {
      this.schemas[name] = schema;
      return;
    }
    if (JSON.stringify(this.schemas[name]) !== JSON.stringify(schema)) {
      throw new Error(`the schema '${name}' reads differently as a request and as an answer; give each use its own component name`);
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

  operation(route: RouteDoc): JsonSchema {
    const parameters = [...this.parameters('path', route.params), ...this.parameters('query', route.query), ...this.parameters('header', route.headers)];
    const who = route.roles === 'public' ? 'No API key needed.' : `Roles: ${route.roles.join(', ')}.`;
    const responses: Record<string, JsonSchema> = {};
    for (const [status, answer] of Object.entries(route.responses) as Array<[string, ResponseDoc]>) {
      const contentType = answer.contentType ?? (answer.schema ? JSON_TYPE : undefined);
      responses[status] = {
        description: answer.description,
        ...(answer.headers ? { headers: Object.fromEntries(Object.entries(answer.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) } : {}),
        ...(contentType ? { content: { [contentType]: answer.schema ? { schema: this.render(answer.schema, 'output') } : {} } } : {}),
      };
    }
    const error = { [JSON_TYPE]: { schema: this.render(ErrorBody, 'output') } };
    for (const status of new Set([...impliedErrors(route), ...(Object.keys(route.errors ?? {}).map(Number) as ErrorStatus[])])) {
      responses[status] = { description: route.errors?.[status] ?? ERRORS[status], content: error };
    }
    return {
      tags: [route.tag],
      summary: route.summary,
      description: route.description ? `${route.description}\n\n${who}` : who,
      operationId: operationId(route.method, route.path),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: true, content: { [route.bodyContentType ?? JSON_TYPE]: { schema: this.render(route.body, 'input') } } } } : {}),
      responses,
      security: route.roles === 'public' ? [] : [{ bearer: [] }, { basic: [] }],
      'x-roles': route.roles === 'public' ? [] : [...route.roles],
    };
  }
}

/** The declared API: routes, named schemas and annotations, rendered to OpenAPI on demand. */
export class ApiDoc {
  private readonly routes = new Map<string, RouteDoc>();
  private readonly tags = new Map<string, string | undefined>();
  private readonly names = z.registry<{ id: string }>();
  private readonly named = new Set<string>();
  private readonly annotations = new Map<z.core.$ZodType, JsonSchema>();
  private rendered: JsonSchema | undefined;

  add(section: ApiSection): this {
    for (const [name, description] of Object.entries(section.tags ?? {})) this.tags.set(name, description);
    for (const [name, schema] of Object.entries(section.components ?? {})) {
      this.names.add(schema, { id: name });
      this.named.add(name);
    }
    for (const [schema, keywords] of section.annotations ?? []) this.annotations.set(schema, { ...this.annotations.get(schema), ...keywords });
    for (const route of section.routes ?? []) this.route(route);
    this.rendered = undefined;
    return this;
  }

  /** Declares one route; a second declaration of the same method and path is a mistake and throws. */
  route(route: RouteDoc): this {
    const key = `${route.method.toUpperCase()} ${route.path}`;
    if (this.routes.has(key)) throw new Error(`${key} is declared twice in the API document`);
    const inPath = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
    const declared = Object.keys(route.params?.shape ?? {}).sort();
    if (inPath.join() !== declared.join()) throw new Error(`${key}: the path names [${inPath.join(', ')}] but params declares [${declared.join(', ')}]`);
    this.routes.set(key, route);
    if (!this.tags.has(route.tag)) this.tags.set(route.tag, undefined);
    this.rendered = undefined;
    return this;
  }

  document(): JsonSchema {
    this.rendered ??= this.build();
    return this.rendered;
  }

  private build(): JsonSchema {
    const builder = new DocumentBuilder(this.names, this.named, this.annotations);
    const paths: Record<string, Record<string, JsonSchema>> = {};
    for (const route of this.routes.values()) {
      const path = toOpenApiPath(route.path);
      paths[path] = { ...paths[path], [route.method]: builder.operation(route) };
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'Lantern API',
        version: VERSION,
        description: 'Submit what victims report, review the matched entities, and follow what the pipeline does. Every route under /api/v1 takes an API key: `Authorization: Bearer <key>`.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      tags: [...this.tags].map(([name, description]) => (description ? { name, description } : { name })),
      paths,
      components: {
        schemas: builder.schemas,
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer <key>`.' },
          basic: { type: 'http', scheme: 'basic', description: 'The same API key as the password, with any user name: for browsers and Prometheus.' },
        },
      },
    };
  }
}

export const apiDoc = new ApiDoc().add(coreApi).route({
  method: 'get',
  path: OPENAPI_PATH,
  tag: 'Operations',
  summary: 'This document',
  roles: 'public',
  responses: { 200: { description: 'the OpenAPI 3.1 document of this API', contentType: JSON_TYPE } },
});

/** Serves the document without a key: it describes the API and holds no data. */
export function openApiRouter(doc: ApiDoc = apiDoc): Router {
  const router = Router();
  router.get(OPENAPI_PATH, (_req, res) => {
    res.json(doc.document());
  });
  return router;
}
