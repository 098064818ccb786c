import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { KeyVerifier } from '../../graph/auth/apiKeys';
import type { ApiRole, Principal } from '../domain/auth';
import { HttpError } from './errors';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/**
 * The key from `Authorization: Bearer <key>`, or from Basic auth's password (browsers, Prometheus). A
 * Bearer header with anything after the key is refused rather than cut at the first space: a pasted
 * key with a comment or a second key behind it must not half-work.
 */
export function presentedKey(req: Request): string | undefined {
  const header = req.headers.authorization?.trim();
  if (!header) return undefined;
  const space = header.indexOf(' ');
  if (space < 0) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === 'bearer') {
    if (/\s/.test(value))
      throw new HttpError(401, 'the Authorization header must be `Bearer <key>` with nothing after the key');
    return value;
  }
  if (scheme === 'basic') {
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
    let key: string | undefined;
    try {
      key = presentedKey(req);
    } catch (err) {
      return next(err);
    }
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
