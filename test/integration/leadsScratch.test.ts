import { writeFileSync } from 'node:fs';
import { acceptReport } from '../../graph/reports/accept';
import { loadReport, mentionsOf } from '../../graph/reports/pipeline';
import { Resolver } from '../../graph/resolve/resolver';
import { loadDemoReports } from '../../fixtures/demo';
import { resetGraph, testGraph } from '../support/services';

it('dumps demo entities', async () => {
  const graph = testGraph();
  await resetGraph(graph);
  const resolver = new Resolver(graph);
  const t = Date.now();
  for (const { org, report } of loadDemoReports()) {
    const out = await acceptReport(graph, { org, input: report, secret: 'x'.repeat(32) });
    const { mentions, links } = mentionsOf((await loadReport(graph, out.id))!);
    await resolver.resolve(mentions, links);
  }
  const took = Date.now() - t;
  const rows = await graph.read(async (tx) => (await tx.run(`
    MATCH (e:Entity) WHERE e.mergedInto IS NULL
    OPTIONAL MATCH (m:Mention)-[r:RESOLVED_TO]->(e)
    OPTIONAL MATCH (rep:Report {id: m.reportId})
    WITH e, collect({caseRef: rep.caseRefHash, org: m.orgId, ref: m.ref, names: m.names, decision: r.decision, role: m.role}) AS ms
    OPTIONAL MATCH (e)-[rel:RELATED]->(o:Entity)
    WITH e, ms, collect(rel.type + '->' + o.id) AS rels
    OPTIONAL MATCH (e)-[:HAS_IDENTIFIER]->(i:Identifier)
    RETURN e.id AS id, e.schema AS schema, e.names AS names, e.reportCount AS rc, e.orgCount AS oc, ms, rels, collect(i.key + '#' + i.count) AS ids ORDER BY rc DESC`)).records.map((r) => r.toObject()));
  writeFileSync('/tmp/lx/entities.json', JSON.stringify({ took, rows }, null, 1));
  const matched = await graph.read(async (tx) => (await tx.run(`MATCH (a:Mention)-[r:MATCHED]->(b:Mention) RETURN a.names AS a, b.names AS b, r.outcome AS o, r.reason AS reason, r.score AS s, r.via AS via`)).records.map((r) => r.toObject()));
  writeFileSync('/tmp/lx/matched.json', JSON.stringify(matched, null, 1));
  await graph.close();
});
