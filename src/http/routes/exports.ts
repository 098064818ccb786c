import { z } from 'zod';
import { actedBy, audit } from '../../../graph/audit';
import { bundleZip } from '../../../graph/exports/bundle';
import {
  bundleFiles,
  createExport,
  ExportError,
  getExport,
  type LeadSettings,
  listExports,
  UnknownPartnerError,
} from '../../../graph/exports/store';
import type { Principal } from '../../domain/auth';
import {
  BUNDLE_FILES,
  type BundleFileName,
  CreatedExport,
  CreateExportInput,
  ExportPage,
  ExportSummary,
  SigningKey,
} from '../../domain/leads';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { type ApiRoutes, apiRoutes, routesFor, type Section } from '../routeTable';
import { ById, IdParam } from '../validate';

const CONTENT_TYPES: Readonly<Record<BundleFileName, string>> = {
  'manifest.json': 'application/json; charset=utf-8',
  'entities.ftm.jsonl': 'application/x-ndjson; charset=utf-8',
  'leads.csv': 'text/csv; charset=utf-8',
};

const FileParams = z.object({ id: IdParam, name: z.enum(['manifest.json', ...BUNDLE_FILES]) });
const FILE_NAMES = FileParams.shape.name.options.join(', ');

const RevisionQuery = z.object({
  revision: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .optional(),
});

interface ExportsDeps {
  ctx: ApiContext;
  settings: LeadSettings;
}

type Details = Record<string, unknown>;

const record = (ctx: ApiContext, who: Principal, action: string, target: string | undefined, details: Details) =>
  audit(ctx.graph, { ...actedBy(who), action, target, details });

/** A read names the leads it showed, so the trail answers "which leads has this bank seen" on its own. */
export const recordRead = (
  ctx: ApiContext,
  who: Principal,
  action: string,
  found: ExportSummary,
  details: Details = {},
) => record(ctx, who, action, found.id, { partner: found.partner, leads: found.leads, ...details });

/** Another partner's export does not exist as far as a partner can tell. */
export async function visibleExport(ctx: ApiContext, who: Principal, id: string): Promise<ExportSummary> {
  const found = await getExport(ctx.graph, id);
  if (!found || (who.role === 'partner' && found.partner !== who.org)) throw new HttpError(404, 'no such export');
  return found;
}

async function revisionFiles(ctx: ApiContext, found: ExportSummary, revision: number | undefined) {
  const bundle = await bundleFiles(ctx.graph, found.id, revision);
  if (!bundle) throw new HttpError(404, `export ${found.id} has no revision ${revision}`);
  return bundle;
}

const route = routesFor<ExportsDeps>();

/** Export bundles: analysts create them and see all; a partner sees only its own, and every read is audited. */
export const exportsApi: Section<ExportsDeps> = {
  tags: {
    Exports:
      'Signed bundles of approved leads for one partner bank: analysts create them, each partner reads only its own. ' +
      'Every partner read is audited.',
  },
  components: { ExportSummary, ExportPage, CreatedExport, SigningKey },
  guarded: ['/api/v1/exports'],
  routes: [
    route({
      method: 'get',
      path: '/api/v1/exports/public-key',
      tag: 'Exports',
      summary: 'The Ed25519 public key bundles are signed with',
      description:
        'Save `publicKey` as a PEM file and check a bundle with `npx lantern verify BUNDLE.zip --public-key FILE`.',
      roles: ['analyst', 'partner'],
      responses: { 200: { description: 'the signing key', schema: SigningKey } },
      handle: ({ res }, { settings }) => {
        res.json({ algorithm: 'Ed25519', keyId: settings.signer.keyId, publicKey: settings.signer.publicKeyPem });
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/exports',
      tag: 'Exports',
      summary: 'Export approved leads to one partner',
      roles: ['analyst'],
      body: { schema: CreateExportInput, name: 'export' },
      responses: { 201: { description: 'the bundle, revision 1', schema: CreatedExport } },
      errors: {
        400: '`partner` is not a registered partner (POST /api/v1/partners), or the body is invalid',
        409: 'some leads are not approved as they stand; `issues` names each and why',
      },
      handle: async ({ res, body, who }, { ctx, settings }) => {
        const command = { partner: body.partner, leadIds: body.leads, by: who.keyId };
        const created = await createExport(ctx.graph, command, settings).catch((err: unknown) => {
          if (err instanceof UnknownPartnerError)
            throw new HttpError(400, 'invalid export', [{ path: 'partner', message: err.message }]);
          if (!(err instanceof ExportError)) throw err;
          throw new HttpError(
            409,
            err.message,
            err.leads.map((l) => ({ path: l.id, message: l.problem })),
          );
        });
        await record(ctx, who, 'export.created', created.id, { partner: body.partner, leads: body.leads });
        res.status(201).json({ id: created.id, revision: created.revision });
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/exports',
      tag: 'Exports',
      summary: 'Exports, newest first: all for analysts, its own for a partner',
      roles: ['analyst', 'partner'],
      responses: { 200: { description: 'the exports', schema: ExportPage } },
      handle: async ({ res, who }, { ctx }) => {
        const items = await listExports(ctx.graph, who.role === 'partner' ? who.org : undefined);
        if (who.role === 'partner') {
          const leads = [...new Set(items.flatMap((x) => x.leads))];
          await record(ctx, who, 'export.listed', undefined, { exports: items.map((x) => x.id), leads });
        }
        res.json({ items });
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/exports/:id.zip',
      tag: 'Exports',
      summary: 'The bundle as a ZIP: manifest.json, entities.ftm.jsonl, leads.csv',
      roles: ['analyst', 'partner'],
      params: ById,
      notFound: 'no such export',
      query: RevisionQuery,
      responses: { 200: { description: 'the latest revision, or the one asked for', contentType: 'application/zip' } },
      errors: { 404: "no such export or revision, or another partner's" },
      handle: async ({ res, params, query, who }, { ctx }) => {
        const found = await visibleExport(ctx, who, params.id);
        const bundle = await revisionFiles(ctx, found, query.revision);
        await recordRead(ctx, who, 'export.downloaded', found, { file: 'zip', revision: bundle.revision });
        res
          .type('application/zip')
          .setHeader('Content-Disposition', `attachment; filename="${found.id}-r${bundle.revision}.zip"`)
          .send(bundleZip(bundle.files, bundle.issuedAt));
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/exports/:id',
      tag: 'Exports',
      summary: 'One export: its revision and the subjects withdrawn so far',
      roles: ['analyst', 'partner'],
      params: ById,
      notFound: 'no such export',
      responses: { 200: { description: 'the export', schema: ExportSummary } },
      errors: { 404: "no such export, or another partner's" },
      handle: async ({ res, params, who }, { ctx }) => {
        const found = await visibleExport(ctx, who, params.id);
        if (who.role === 'partner') await recordRead(ctx, who, 'export.read', found);
        res.json(found);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/exports/:id/files/:name',
      tag: 'Exports',
      summary: 'One file of the bundle',
      description:
        'manifest.json (application/json), entities.ftm.jsonl (FollowTheMoney entities, one per line) ' +
        'or leads.csv (one row per subject).',
      roles: ['analyst', 'partner'],
      params: FileParams,
      notFound: (param, file) =>
        param === 'name' ? `a bundle has no file ${file}; it has ${FILE_NAMES}` : 'no such export',
      query: RevisionQuery,
      responses: {
        200: {
          description: 'the file as issued; the header X-Bundle-Revision says which revision',
          headers: { 'X-Bundle-Revision': 'the revision served' },
        },
      },
      errors: { 404: "no such export, file or revision, or another partner's" },
      handle: async ({ res, params, query, who }, { ctx }) => {
        const found = await visibleExport(ctx, who, params.id);
        const bundle = await revisionFiles(ctx, found, query.revision);
        await recordRead(ctx, who, 'export.downloaded', found, { file: params.name, revision: bundle.revision });
        res.setHeader('Content-Type', CONTENT_TYPES[params.name]);
        res.setHeader('X-Bundle-Revision', String(bundle.revision));
        res.send(bundle.files[params.name]);
      },
    }),
  ],
};

export function exportsRouter(settings: LeadSettings): ApiRoutes {
  return apiRoutes(exportsApi, (ctx) => ({ ctx, settings }));
}
