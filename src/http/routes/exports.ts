import { Router, type Request } from 'express';
import { z } from 'zod';
import { audit } from '../../../graph/audit';
import { bundleZip } from '../../../graph/exports/bundle';
import { bundleFiles, createExport, ExportError, getExport, listExports, type LeadSettings } from '../../../graph/exports/store';
import type { Principal } from '../../domain/auth';
import { CreateExportInput, type BundleFileName, type ExportSummary } from '../../domain/leads';
import { allow, principalOf } from '../auth';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { IdParam, parseOr400, requireJson } from '../validate';

const CONTENT_TYPES: Readonly<Record<BundleFileName, string>> = {
  'manifest.json': 'application/json; charset=utf-8',
  'entities.ftm.jsonl': 'application/x-ndjson; charset=utf-8',
  'leads.csv': 'text/csv; charset=utf-8',
};

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
      if (who.role === 'partner') await record(who, 'export.listed', undefined, { exports: items.length });
      res.json({ items });
    });

    router.get('/exports/:id.zip', async (req, res) => {
      const { who, found } = await visibleExport(req);
      const bundle = await revisionFiles(req, found);
      await record(who, 'export.downloaded', found.id, { file: 'zip', revision: bundle.revision, partner: found.partner });
      res
        .type('application/zip')
        .setHeader('Content-Disposition', `attachment; filename="${found.id}-r${bundle.revision}.zip"`)
        .send(bundleZip(bundle.files, bundle.issuedAt));
    });

    router.get('/exports/:id', async (req, res) => {
      const { who, found } = await visibleExport(req);
      if (who.role === 'partner') await record(who, 'export.read', found.id, { partner: found.partner });
      res.json(found);
    });

    router.get('/exports/:id/files/:name', async (req, res) => {
      const { who, found } = await visibleExport(req);
      const name = req.params.name as BundleFileName;
      if (!Object.hasOwn(CONTENT_TYPES, name)) throw new HttpError(404, `a bundle has no file ${String(req.params.name)}; it has ${Object.keys(CONTENT_TYPES).join(', ')}`);
      const bundle = await revisionFiles(req, found);
      await record(who, 'export.downloaded', found.id, { file: name, revision: bundle.revision, partner: found.partner });
      res.setHeader('Content-Type', CONTENT_TYPES[name]);
      res.setHeader('X-Bundle-Revision', String(bundle.revision));
      res.send(bundle.files[name]);
    });

    return router;
  };
}
