import { Router, type Request } from 'express';
import { z } from 'zod';
import { audit } from '../../../graph/audit';
import { bundleZip } from '../../../graph/exports/bundle';
import { bundleFiles, createExport, ExportError, getExport, listExports, type LeadSettings } from '../../../graph/exports/store';
import type { Principal } from '../../domain/auth';
import { BUNDLE_FILES, CreatedExport, CreateExportInput, ExportPage, ExportSummary, SigningKey, type BundleFileName } from '../../domain/leads';
import { allow, principalOf } from '../auth';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { apiDoc } from '../openapi';
import { IdParam, parseOr400, requireJson } from '../validate';
import { ById } from './docs';

const CONTENT_TYPES: Readonly<Record<BundleFileName, string>> = {
  'manifest.json': 'application/json; charset=utf-8',
  'entities.ftm.jsonl': 'application/x-ndjson; charset=utf-8',
  'leads.csv': 'text/csv; charset=utf-8',
};

const FileParams = z.object({ id: IdParam, name: z.enum(['manifest.json', ...BUNDLE_FILES]) });

const RevisionQuery = z.object({
  revision: z.coerce.number({ message: 'must be a number' }).int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).optional(),
});

/** Export bundles: analysts create them and see all; a partner sees only its own, and every read is audited. */
export function exportsRouter(settings: LeadSettings): (ctx: ApiContext) => Router {
  return (ctx) => {
    const router = Router();
    router.use('/exports', allow('analyst', 'partner'));

    const record = (who: Principal, action: string, target: string | undefined, details: Record<string, unknown>) =>
      audit(ctx.graph, { actor: who.keyId, role: who.role, org: who.org, action, target, details });

    /** A read names the leads it showed, so the trail answers "which leads has this bank seen" on its own. */
    const recordRead = (who: Principal, action: string, found: ExportSummary, details: Record<string, unknown> = {}) =>
      record(who, action, found.id, { partner: found.partner, leads: found.leads, ...details });

    /** Another partner's export does not exist as far as a partner can tell. */
    const visibleExport = async (req: Request): Promise<{ who: Principal; found: ExportSummary }> => {
      const who = principalOf(req);
      const id = IdParam.safeParse(req.params.id);
      const found = id.success ? await getExport(ctx.graph, id.data) : undefined;
      if (!found || (who.role === 'partner' && found.partner !== who.org)) throw new HttpError(404, 'no such export');
      return { who, found };
    };

    const revisionFiles = async (req: Request, found: ExportSummary) => {
      const { revision } = parseOr400(RevisionQuery, req.query, 'query');
      const bundle = await bundleFiles(ctx.graph, found.id, revision);
      if (!bundle) throw new HttpError(404, `export ${found.id} has no revision ${revision}`);
      return bundle;
    };

    router.get('/exports/public-key', (_req, res) => {
      res.json({ algorithm: 'Ed25519', keyId: settings.signer.keyId, publicKey: settings.signer.publicKeyPem });
    });

    router.post('/exports', allow('analyst'), async (req, res) => {
      requireJson(req);
      const input = parseOr400(CreateExportInput, req.body, 'export');
      const who = principalOf(req);
      const created = await createExport(ctx.graph, { partner: input.partner, leadIds: input.leads, by: who.keyId }, settings).catch((err: unknown) => {
        if (err instanceof ExportError) throw new HttpError(409, err.message, err.leads.map((l) => ({ path: l.id, message: l.problem })));
        throw err;
      });
      await record(who, 'export.created', created.id, { partner: input.partner, leads: input.leads });
      res.status(201).json({ id: created.id, revision: created.revision });
    });

    router.get('/exports', async (req, res) => {
      const who = principalOf(req);
      const items = await listExports(ctx.graph, who.role === 'partner' ? who.org : undefined);
      if (who.role === 'partner') await record(who, 'export.listed', undefined, { exports: items.map((x) => x.id), leads: [...new Set(items.flatMap((x) => x.leads))] });
      res.json({ items });
    });

    router.get('/exports/:id.zip', async (req, res) => {
      const { who, found } = await visibleExport(req);
      const bundle = await revisionFiles(req, found);
      await recordRead(who, 'export.downloaded', found, { file: 'zip', revision: bundle.revision });
      res
        .type('application/zip')
        .setHeader('Content-Disposition', `attachment; filename="${found.id}-r${bundle.revision}.zip"`)
        .send(bundleZip(bundle.files, bundle.issuedAt));
    });

    router.get('/exports/:id', async (req, res) => {
      const { who, found } = await visibleExport(req);
      if (who.role === 'partner') await recordRead(who, 'export.read', found);
      res.json(found);
    });

    router.get('/exports/:id/files/:name', async (req, res) => {
      const { who, found } = await visibleExport(req);
      const file = FileParams.shape.name.safeParse(req.params.name);
      if (!file.success) throw new HttpError(404, `a bundle has no file ${String(req.params.name)}; it has ${FileParams.shape.name.options.join(', ')}`);
      const name: BundleFileName = file.data;
      const bundle = await revisionFiles(req, found);
      await recordRead(who, 'export.downloaded', found, { file: name, revision: bundle.revision });
      res.setHeader('Content-Type', CONTENT_TYPES[name]);
      res.setHeader('X-Bundle-Revision', String(bundle.revision));
      res.send(bundle.files[name]);
    });

    return router;
  };
}


apiDoc.add({
  tags: { Exports: 'Signed bundles of approved leads for one partner bank: analysts create them, each partner reads only its own. Every partner read is audited.' },
  components: { ExportSummary, ExportPage, CreatedExport, SigningKey },
  routes: [
    {
      method: 'get',
      path: '/api/v1/exports/public-key',
      tag: 'Exports',
      summary: 'The Ed25519 public key bundles are signed with',
      description: 'Save `publicKey` as a PEM file and check a bundle with `npx lantern verify BUNDLE.zip --public-key FILE`.',
      roles: ['analyst', 'partner'],
      responses: { 200: { description: 'the signing key', schema: SigningKey } },
    },
    {
      method: 'post',
      path: '/api/v1/exports',
      tag: 'Exports',
      summary: 'Export approved leads to one partner',
      roles: ['analyst'],
      body: CreateExportInput,
      responses: { 201: { description: 'the bundle, revision 1', schema: CreatedExport } },
      errors: { 409: 'some leads are not approved as they stand; `issues` names each and why' },
    },
    {
      method: 'get',
      path: '/api/v1/exports',
      tag: 'Exports',
      summary: 'Exports, newest first: all for analysts, its own for a partner',
      roles: ['analyst', 'partner'],
      responses: { 200: { description: 'the exports', schema: ExportPage } },
    },
    {
      method: 'get',
      path: '/api/v1/exports/:id.zip',
      tag: 'Exports',
      summary: 'The bundle as a ZIP: manifest.json, entities.ftm.jsonl, leads.csv',
      roles: ['analyst', 'partner'],
      params: ById,
      query: RevisionQuery,
      responses: { 200: { description: 'the latest revision, or the one asked for', contentType: 'application/zip' } },
      errors: { 404: "no such export or revision, or another partner's" },
    },
    {
      method: 'get',
      path: '/api/v1/exports/:id',
      tag: 'Exports',
      summary: 'One export: its revision and the subjects withdrawn so far',
      roles: ['analyst', 'partner'],
      params: ById,
      responses: { 200: { description: 'the export', schema: ExportSummary } },
      errors: { 404: "no such export, or another partner's" },
    },
    {
      method: 'get',
      path: '/api/v1/exports/:id/files/:name',
      tag: 'Exports',
      summary: 'One file of the bundle',
      description: 'manifest.json (application/json), entities.ftm.jsonl (FollowTheMoney entities, one per line) or leads.csv (one row per subject).',
      roles: ['analyst', 'partner'],
      params: FileParams,
      query: RevisionQuery,
      responses: { 200: { description: 'the file as issued; the header X-Bundle-Revision says which revision', headers: { 'X-Bundle-Revision': 'the revision served' } } },
      errors: { 404: "no such export, file or revision, or another partner's" },
    },
  ],
});
