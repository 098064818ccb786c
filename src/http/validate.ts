import type { Request } from 'express';
import { z } from 'zod';
import { HttpError, issuesFromZod } from './errors';

/** Parses input with a zod schema, or answers 400 naming every bad field and what it allows. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new HttpError(400, `invalid ${what}`, issuesFromZod(result.error));
  return result.data;
}

/** JSON bodies only: anything else is 415, so that a form post never reaches a handler half-read. */
export function requireJson(req: Request): void {
  if (!req.is('application/json'))
    throw new HttpError(415, "send the body as JSON with 'Content-Type: application/json'");
}

export { Pagination } from '../domain/api';

/** Route parameters that are ids: anything else is simply not found. */
export const IdParam = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/);

/** Path parameters of routes addressed by one id. */
export const ById = z.object({ id: IdParam });
