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
    res.status(err.status).json(err.issues ? { error: err.message, issues: err.issues } : { error: err.message });
    return;
  }
  const e = err as { status?: number; statusCode?: number; type?: string };
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    res.status(status).json({ error: (e.type && BODY_PARSER_MESSAGES[e.type]) ?? 'the request could not be read' });
    return;
  }
  req.log?.error({ err }, 'request failed');
  res.status(500).json({ error: 'internal error', requestId: req.id });
};
