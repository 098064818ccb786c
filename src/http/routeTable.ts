import { type Request, type RequestHandler, type Response, Router } from 'express';
import type { z } from 'zod';
import type { ApiRole, Principal } from '../domain/auth';
import { allow, principalOf } from './auth';
import type { ApiContext } from './context';
import { HttpError } from './errors';
import { parseOr400, requireJson } from './validate';

/*
 * The route table: each route is declared once (method, path, roles, the schemas of what it reads and
 * answers, its words for the document) and both its express route and its OpenAPI operation are made
 * from that declaration, so that what is checked and what is documented cannot drift apart.
 *
 * Every route reads its input in one order: role (403), path (404), content type (415, 413), headers,
 * query, body (400), then the handler.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type JsonSchema = Record<string, unknown>;

/** Where the routes behind API keys are mounted; their declared paths start with it. */
export const API_BASE = '/api/v1';

/** Error answers a route may give; openapi.ts says what each means. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 431;

export interface ResponseDoc {
  description: string;
  /** Omitted for bodies that are not JSON data (files, text) and for empty answers. */
  schema?: z.ZodType;
  /** Defaults to JSON when there is a schema. */
  contentType?: string;
  /** Response headers worth knowing, with what they say. */
  headers?: Record<string, string>;
}

export interface BodyDoc<B extends z.ZodType = z.ZodType> {
  schema: B;
  /** What a 400 calls it: `invalid ${name}`. */
  name: string;
  /** Defaults to JSON, which the API router has parsed before any route. */
  contentType?: string;
  /** Read a body of another content type onto `req.body`, in turn, answering 415 and 413 themselves. */
  read?: readonly RequestHandler[];
  /** A request without content (no Content-Length, or 0) is an empty object rather than a 415. */
  optional?: boolean;
}

/** What the OpenAPI document and the express route both read; the handler is not part of it. */
export interface RouteDoc {
  method: HttpMethod;
  /** Absolute and in express syntax, exactly as served: '/api/v1/reports/:id'. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Who may call it; 'public' needs no key. */
  roles: readonly ApiRole[] | 'public';
  /** One schema per `:name` in the path; a value it refuses names nothing, so the answer is 404. */
  params?: z.ZodObject;
  /** The 404 message for a path value the params refuse, per parameter when it says more than "no such". */
  notFound?: string | ((param: string, value: string) => string);
  query?: z.ZodObject;
  /** Each header is read and refused on its own: 400 `invalid <Name> header`. */
  headers?: z.ZodObject;
  body?: BodyDoc;
  responses: Partial<Record<number, ResponseDoc>>;
  /**
   * Errors beyond those the declaration implies (400 for input, 401/403 for keys, 404 for path ids,
   * 413/415 for bodies), or better words for implied ones.
   */
  errors?: Partial<Record<ErrorStatus, string>>;
}

type Schema = z.ZodType | undefined;
type ZodObject = z.ZodObject | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler is given: the input as its schemas parsed it, and the caller. */
export interface Call<P extends Schema, Q extends Schema, H extends Schema, B extends Schema> {
  req: Request;
  res: Response;
  params: Parsed<P>;
  query: Parsed<Q>;
  headers: Parsed<H>;
  body: Parsed<B>;
  /** The key's principal; 401 when there is none, which only a public route can see. */
  readonly who: Principal;
}

export interface RouteDeclaration<D, P extends Schema, Q extends Schema, H extends Schema, B extends Schema>
  extends Omit<RouteDoc, 'params' | 'query' | 'headers' | 'body'> {
  params?: P;
  query?: Q;
  headers?: H;
  body?: BodyDoc & { schema: B };
  handle(call: Call<P, Q, H, B>, deps: D): Promise<void> | void;
}

/** A declared route, its handler bound to the dependencies `D` only when it is mounted. */
export interface Route<D> extends RouteDoc {
  serve(deps: D): RequestHandler;
}

/** Routes declared together under their tags, with the named schemas and annotations of their document. */
export interface SectionDoc {
  /** Tag name -> what the area is for. */
  tags?: Record<string, string>;
  /** Schemas shown under their own name in components/schemas and referenced wherever they occur. */
  components?: Record<string, z.ZodType>;
  /** JSON Schema keywords for rules zod checks in code (refine, superRefine), which its export cannot see. */
  annotations?: ReadonlyArray<readonly [z.ZodType, JsonSchema]>;
  routes: readonly RouteDoc[];
}

export interface Section<D> extends SectionDoc {
  routes: ReadonlyArray<Route<D>>;
  /**
   * Path prefixes whose every request, routed or not, needs one of the roles of the section's routes
   * under them: a caller without one learns nothing of what lies there, not even which paths exist.
   */
  guarded?: readonly string[];
}

/** A section ready for the API router: its document, and its router once the context is known. */
export interface ApiRoutes {
  section: SectionDoc;
  router(ctx: ApiContext): Router;
}

/** A section for the API router; `depsOf` makes its handlers' dependencies from the app's context. */
export function apiRoutes<D>(section: Section<D>, depsOf: (ctx: ApiContext) => D): ApiRoutes {
  return { section, router: (ctx) => mountSection(section, depsOf(ctx), { base: API_BASE }) };
}

async function readWith(readers: readonly RequestHandler[], req: Request, res: Response): Promise<void> {
  for (const read of readers) {
    await new Promise<void>((resolve, reject) => read(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
  }
}

/** Content means a declared length above zero: what a client sends for "no body". */
function hasContent(req: Request): boolean {
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

type Declared<P extends ZodObject, Q extends ZodObject, H extends ZodObject, B extends Schema> = Omit<
  RouteDeclaration<never, P, Q, H, B>,
  'handle'
>;

async function parseInput<P extends ZodObject, Q extends ZodObject, H extends ZodObject, B extends Schema>(
  route: Declared<P, Q, H, B>,
  req: Request,
  res: Response,
): Promise<Call<P, Q, H, B>> {
  const params = route.params ? parseParams(route.params, route.notFound, req) : undefined;
  const body = route.body;
  if (body?.read) await readWith(body.read, req, res);
  else if (body && (!body.optional || hasContent(req))) requireJson(req);
  const headers = route.headers ? parseHeaders(route.headers, req) : undefined;
  const query = route.query ? parseOr400(route.query, req.query, 'query') : undefined;
  const parsedBody = body ? parseOr400(body.schema, body.optional ? (req.body ?? {}) : req.body, body.name) : undefined;
  return {
    req,
    res,
    params: params as Parsed<P>,
    query: query as Parsed<Q>,
    headers: headers as Parsed<H>,
    body: parsedBody as Parsed<B>,
    get who() {
      return principalOf(req);
    },
  };
}

/** Each parameter on its own, in declaration order, so that the 404 can say which one names nothing. */
function parseParams(schema: z.ZodObject, notFound: RouteDoc['notFound'], req: Request): Record<string, unknown> {
  const parsed: Record<string, unknown> = {};
  for (const [name, param] of Object.entries(schema.shape)) {
    const value = String(req.params[name]);
    const result = param.safeParse(value);
    if (!result.success) {
      throw new HttpError(404, typeof notFound === 'function' ? notFound(name, value) : (notFound ?? 'not found'));
    }
    parsed[name] = result.data;
  }
  return parsed;
}

function parseHeaders(schema: z.ZodObject, req: Request): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schema.shape).map(([name, header]) => {
      const value = req.get(name);
      return [name, value === undefined ? undefined : parseOr400(header, value, `${name} header`)];
    }),
  );
}

function checkParamsMatchPath(route: RouteDoc): void {
  const inPath = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
  const declared = Object.keys(route.params?.shape ?? {}).sort();
  if (inPath.join() !== declared.join()) {
    const where = `${route.method.toUpperCase()} ${route.path}`;
    throw new Error(`${where}: the path names [${inPath.join(', ')}] but params declares [${declared.join(', ')}]`);
  }
}

/**
 * Declares the routes of one section, whose handlers need `D`. Curried so that `D` is named once and
 * each route's schemas are inferred into its handler's input.
 */
export function routesFor<D>() {
  return <
    P extends ZodObject = undefined,
    Q extends ZodObject = undefined,
    H extends ZodObject = undefined,
    B extends Schema = undefined,
  >(
    declaration: RouteDeclaration<D, P, Q, H, B>,
  ): Route<D> => {
    const { handle, ...doc } = declaration;
    checkParamsMatchPath(doc);
    return {
      ...doc,
      serve: (deps) => async (req, res) => {
        await handle(await parseInput(declaration, req, res), deps);
      },
    };
  };
}

function relative(path: string, base: string): string {
  if (!path.startsWith(base)) throw new Error(`${path} is not under ${base}, where its router is mounted`);
  return path.slice(base.length) || '/';
}

export interface MountOptions {
  /** Where the router is mounted: declared paths are absolute, express routes relative to it. */
  base?: string;
  /** Put in front of each route that needs a key, for routers mounted outside the API router. */
  authenticate?: RequestHandler;
}

/** The express router of a section: its guards, then each route as role check, input parsing and handler. */
export function mountSection<D>(section: Section<D>, deps: D, options: MountOptions = {}): Router {
  const base = options.base ?? '';
  const router = Router();
  for (const prefix of section.guarded ?? []) {
    const under = section.routes.filter((r) => r.path.startsWith(prefix));
    const roles = [...new Set(under.flatMap((r) => (r.roles === 'public' ? [] : r.roles)))];
    router.use(relative(prefix, base), allow(...roles));
  }
  for (const route of section.routes) {
    const roleCheck = route.roles === 'public' ? [] : [allow(...route.roles)];
    const keyCheck = options.authenticate && roleCheck.length > 0 ? [options.authenticate] : [];
    router[route.method](relative(route.path, base), ...keyCheck, ...roleCheck, route.serve(deps));
  }
  return router;
}
