import type { NextFunction, Request, Response } from 'express';
import type { HttpError } from '../../../src/http/errors';
import { requireWellFormedText } from '../../../src/http/security';

/** The middleware's verdict on one parsed body: the error it passes on, or undefined. */
function verdict(body: unknown): HttpError | undefined {
  let passed: unknown;
  requireWellFormedText({ body } as Request, {} as Response, ((err?: unknown) => (passed = err)) as NextFunction);
  return passed as HttpError | undefined;
}

describe('text that is not Unicode in a JSON body', () => {
  it('names the first field holding half of a surrogate pair', () => {
    expect(verdict({ subjects: [{ properties: { name: ['ok', 'bad \ud800'] } }] })?.issues).toEqual([
      { path: 'subjects.0.properties.name.1', message: expect.stringContaining('surrogate pair') },
    ]);
    expect(verdict({ 'key \udc00': 1 })?.issues?.[0]?.path).toBe('key \udc00');
  });

  it('lets whole pairs, any other text and bodies nested far deeper than a stack allows through', () => {
    expect(verdict({ name: ['💣 ข้อความ Nguyễn'], n: 1, x: null })).toBeUndefined();
    let deep: unknown = 'end';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(verdict(deep)).toBeUndefined();
  });
});
