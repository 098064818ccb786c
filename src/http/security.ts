import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, type Options } from 'express-rate-limit';
import { AUTH_FAILURE_DEFAULTS } from '../config/env';
import type { Logger } from '../log/logger';
import { HttpError } from './errors';

declare module 'express-serve-static-core' {
  interface Request {
    /** The app's limiter of failed key attempts, for every `authenticate()` the app mounts. */
    authFailures?: AuthFailureLimiter;
  }
}

export interface AuthFailureSettings {
  /** Failed key attempts one client may make per window; the next is refused without being checked. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_AUTH_FAILURES: AuthFailureSettings = {
  limit: AUTH_FAILURE_DEFAULTS.limit,
  windowMs: AUTH_FAILURE_DEFAULTS.windowS * 1000,
};

/**
 * Counts presented keys that were refused, per client address, and refuses further attempts from that
 * address until its window ends. Only failures count: a busy client with a valid key is never slowed,
 * however many requests it has in flight. Once over the limit even a correct key is refused, because
 * answering it would let a guesser tell the right key from the wrong ones.
 *
 * The counts live in this process (express-rate-limit's memory store): behind several API processes
 * the effective limit is per process, which still turns a key search into a crawl.
 */
export class AuthFailureLimiter {
  private readonly store = new MemoryStore();

  constructor(
    readonly settings: AuthFailureSettings = DEFAULT_AUTH_FAILURES,
    private readonly logger?: Logger,
  ) {
    this.store.init({ windowMs: settings.windowMs } as Options);
  }

  /** Sockets without an address (already closed) share one bucket rather than escaping the count. */
  private clientOf(req: Request): string {
    return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
  }

  /** A 429 to answer instead of checking the key, when this client has used up its attempts. */
  async refusal(req: Request): Promise<HttpError | undefined> {
    const held = await this.store.get(this.clientOf(req));
    // The store forgets an ended window only at its next sweep; until then the count is stale, not live.
    if (!held || held.totalHits < this.settings.limit || (held.resetTime && held.resetTime.getTime() <= Date.now()))
      return undefined;
    const seconds = Math.max(
      1,
      Math.ceil(((held.resetTime?.getTime() ?? Date.now() + this.settings.windowMs) - Date.now()) / 1000),
    );
    return new HttpError(429, `too many refused API keys from this address; try again in ${seconds} s`, undefined, {
      'Retry-After': String(seconds),
    });
  }

  async recordFailure(req: Request): Promise<void> {
    const client = this.clientOf(req);
    const { totalHits } = await this.store.increment(client);
    if (totalHits === this.settings.limit)
      this.logger?.warn(
        { client, limit: this.settings.limit, windowMs: this.settings.windowMs },
        'API key attempts from this address refused until the window ends',
      );
  }

  /** Puts the limiter on every request, where `authenticate()` finds it. */
  readonly attach: RequestHandler = (req, _res, next) => {
    req.authFailures = this;
    next();
  };
}

/**
 * CORS stays closed: no route sends Access-Control-Allow-* headers, and a preflight is refused outright
 * so that no browser on another origin is ever told it may send keys or read answers.
 */
export const refuseCorsPreflight: RequestHandler = (req, _res, next) => {
  if (req.method === 'OPTIONS' && req.get('access-control-request-method') !== undefined) {
    return next(
      new HttpError(403, 'cross-origin requests are not allowed: the API answers callers on its own origin only'),
    );
  }
  next();
};

/** Answers hold victim testimony, keys shown once and leads: no browser or proxy may keep a copy. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * body-parser replaces bytes that are not UTF-8 with U+FFFD without a word; stored, the mangled names
 * could never be matched or corrected. Refused instead, before the body is parsed. JSON between systems
 * is UTF-8 (RFC 8259), so the UTF-16 and UTF-32 body-parser would also decode are refused too.
 */
export function requireUtf8(_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8') throw new HttpError(415, 'send JSON encoded as UTF-8 (charset=utf-8)');
  if (!isUtf8(body)) throw new HttpError(400, 'the body is not valid UTF-8; send JSON encoded as UTF-8');
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * JSON may escape half of a UTF-16 surrogate pair ("\ud800"), which is no character at all: Neo4j
 * would store it as U+FFFD, so the value read back would differ from the one accepted. Every key and
 * string of the parsed body is checked (without recursion, however deep the body nests), and the first
 * bad one is named.
 */
export const requireWellFormedText: RequestHandler = (req, _res, next) => {
  const pending: Array<{ value: unknown; path: string }> = [{ value: req.body, path: '' }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      if (UNPAIRED_SURROGATE.test(value))
        return next(
          new HttpError(400, 'the body holds text that is not valid Unicode', [
            {
              path,
              message:
                'holds half of a surrogate pair (an escape from \\ud800 to \\udfff without its other half); send ' +
                'the text as valid Unicode',
            },
          ]),
        );
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const at = path === '' ? key : `${path}.${key}`;
        if (UNPAIRED_SURROGATE.test(key))
          return next(
            new HttpError(400, 'the body holds text that is not valid Unicode', [
              { path: at, message: 'this key holds half of a surrogate pair; send the text as valid Unicode' },
            ]),
          );
        pending.push({ value: child, path: at });
      }
    }
  }
  next();
};
