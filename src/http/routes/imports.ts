import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { actedBy, audit } from '../../../graph/audit';
import { createImport, getImport } from '../../../graph/imports/store';
import { QUEUES } from '../../../workers/queues';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../domain/csvImport';
import { ImportAccepted, ImportRowError, ImportView } from '../../domain/imports';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { apiRoutes, routesFor, type Section } from '../routeTable';
import { ById } from '../validate';

const MAX_MB = MAX_IMPORT_BYTES / (1024 * 1024);

/**
 * 415 unless the body is declared as CSV in UTF-8. A declared legacy charset is refused rather than
 * converted: the file would otherwise be imported with every Thai or Vietnamese name mangled.
 */
const requireCsv: RequestHandler = (req, _res, next) => {
  const [mediaType = '', ...params] = (req.get('content-type') ?? '').split(';');
  if (mediaType.trim().toLowerCase() !== 'text/csv')
    return next(new HttpError(415, "send the file as CSV with 'Content-Type: text/csv'"));
  const charset = params
    .map((p) => p.trim().toLowerCase().replace(/"/g, ''))
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    return next(new HttpError(415, 'send the file in UTF-8 (Content-Type: text/csv; charset=utf-8)'));
  next();
};

const csvParser = express.text({ type: 'text/csv', limit: MAX_IMPORT_BYTES });

/**
 * The CSV body, read here only (the API's JSON parser ignores text/csv); over the limit is a 413 that says what to do.
 */
const readCsv: RequestHandler = (req, res, next) => {
  csvParser(req, res, (err?: unknown) => {
    if ((err as { type?: string } | undefined)?.type === 'entity.too.large') {
      return next(
        new HttpError(
          413,
          `the file is larger than ${MAX_MB} MB; split it into files of at most ${MAX_MB} MB and ${MAX_IMPORT_ROWS} ` +
            `rows`,
        ),
      );
    }
    next(err);
  });
};

const route = routesFor<ApiContext>();

export const importsApi: Section<ApiContext> = {
  tags: { Imports: 'Caseworkers submit a spreadsheet of reports as one CSV file and follow its import.' },
  components: { ImportAccepted, ImportStatus: ImportView, ImportRowError },
  routes: [
    route({
      method: 'post',
      path: '/api/v1/imports',
      tag: 'Imports',
      summary: 'Submit a CSV file of reports',
      description:
        'One row per subject; rows with the same caseRef form one report (columns in docs/csv-import.md). ' +
        'The file is stored before the answer and processed in the background; ' +
        'valid rows are imported even when others are not. ' +
        `At most ${MAX_MB} MB and ${MAX_IMPORT_ROWS} rows.`,
      roles: ['caseworker'],
      // A request without a body is an empty file, which the import then reports as having no rows.
      body: {
        schema: z.string().default('').describe('the CSV file, UTF-8'),
        name: 'file',
        contentType: 'text/csv',
        read: [requireCsv, readCsv],
      },
      responses: { 202: { description: 'stored; processing follows', schema: ImportAccepted } },
      errors: {
        413: `the file is larger than ${MAX_MB} MB`,
        415: 'the body is not sent as text/csv, or declares a charset other than UTF-8',
      },
      handle: async ({ req, res, body: csv, who }, ctx) => {
        // Stored before the answer: a 202 means the file is in Neo4j, whatever happens to Redis next.
        const created = await createImport(ctx.graph, { orgId: who.org, csv, submittedBy: who.keyId });
        await audit(ctx.graph, {
          ...actedBy(who),
          action: 'import.submitted',
          target: created.id,
          details: { bytes: Buffer.byteLength(csv, 'utf8') },
        });
        const queued = await ctx.producer.enqueue(QUEUES.imports, created.id, { importId: created.id });
        if (!queued) {
          const why = 'import stored but not queued (Redis unavailable); the reconciler will queue it';
          req.log?.warn({ importId: created.id }, why);
        }
        res.status(202).json(created);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/imports/:id',
      tag: 'Imports',
      summary: 'An import: progress, the reports made and every refused row with the reason',
      roles: ['caseworker', 'analyst'],
      params: ById,
      notFound: 'no such import',
      responses: { 200: { description: 'the import', schema: ImportView } },
      errors: { 404: "no such import, or another organisation's" },
      handle: async ({ res, params, who }, ctx) => {
        const found = await getImport(ctx.graph, params.id);
        // Another organisation's import does not exist as far as a caseworker can tell.
        if (!found || (who.role === 'caseworker' && found.orgId !== who.org)) {
          throw new HttpError(404, 'no such import');
        }
        const { orgId, ...visible } = found;
        res.json(who.role === 'analyst' ? { ...visible, org: orgId } : visible);
      },
    }),
  ],
};

export const importsRoutes = apiRoutes(importsApi, (ctx) => ctx);
