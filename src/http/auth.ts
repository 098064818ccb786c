import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { KeyVerifier } from '../../graph/auth/apiKeys';
import type { ApiRole, Principal } from '../domain/auth';
import { HttpError } from './errors';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** The key from `Authorization: Bearer <key>`, or from Basic auth's password (browsers, Prometheus). */
export function presentedKey(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

/**
 * 401 without a valid key; the principal is then on `req.principal`. A refused key counts against the
 * client's address in the app's limiter (when there is one), and a client over its limit gets 429
 * before its key is even looked at. A missing key does not count: it guesses nothing.
 */
export function authenticate(keys: KeyVerifier): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const key = presentedKey(req);
    if (!key) return next(new HttpError(401, 'an API key is required: Authorization: Bearer <key>'));
    const limiter = req.authFailures;
    (async () => {
      const refusal = await limiter?.refusal(req);
      if (refusal) return next(refusal);
      const principal = await keys.verify(key);
      if (!principal) {
        await limiter?.recordFailure(req);
        return next(new HttpError(401, 'the API key is not valid'));
      }
      req.principal = principal;
      next();
    })().catch(next);
  };
}

/** 403 for a role that may not call this route. */
export function allow(...roles: ApiRole[]): RequestHandler {
  return (req, _res, next) => {
    const role = req.principal?.role;
    if (!role) return next(new HttpError(401, 'an API key is required: Authorization: Bearer <key>'));
    if (!roles.includes(role))
      return next(new HttpError(403, `this needs the role ${roles.join(' or ')}; your key has the role ${role}`));
    next();
  };
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw new HttpError(401, 'an API key is required: Authorization: Bearer <key>');
  return req.principal;
}
