import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';

export interface ErrorIssue {
  path: string;
  message: string;
}

/** An error with an HTTP status and a message safe to show to the caller. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: ErrorIssue[],
    /** Headers the answer needs to be acted on, such as Retry-After. */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function issuesFromZod(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, `no route for ${req.method} ${req.path}`));
};

/** Status codes body-parser attaches to the errors it throws, mapped to what the caller did wrong. */
const BODY_PARSER_MESSAGES: Readonly<Record<string, string>> = {
  'entity.parse.failed': 'the body is not valid JSON',
  'entity.too.large': 'the body is larger than the limit',
  'encoding.unsupported': 'the body encoding is not supported',
  'charset.unsupported': 'the body charset is not supported; send UTF-8',
};

/**
 * Every error leaves as JSON. Bad input is the caller's (4xx, with the reason); anything else is ours
 * (500 with the request id only, since internal messages may hold data the caller must not see).
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof HttpError) {
    for (const [name, value] of Object.entries(err.headers ?? {})) res.setHeader(name, value);
    res.status(err.status).json(err.issues ? { error: err.message, issues: err.issues } : { error: err.message });
    return;
  }
  if (err instanceof URIError) {
    // The router could not percent-decode a path segment: the caller's URL, not our fault.
    res.status(400).json({
      error:
        'the URL path holds malformed percent-encoding: write a % only as %25, ' +
        'and other escapes as % and two hex digits of UTF-8',
    });
    return;
  }
  const e = err as { status?: number; statusCode?: number; type?: string; limit?: number };
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = (e.type && BODY_PARSER_MESSAGES[e.type]) ?? 'the request could not be read';
    // The limit in the words of the caller who has to cut the body down to it.
    const limit =
      e.type === 'entity.too.large' && typeof e.limit === 'number'
        ? ` of ${e.limit} bytes (${Math.round(e.limit / 1024)} KiB)`
        : '';
    res.status(status).json({ error: `${message}${limit}` });
    return;
  }
  req.log?.error({ err }, 'request failed');
  res.status(500).json({ error: 'internal error', requestId: req.id });
};
