import neo4j from 'neo4j-driver';
import { nameForm } from '../../matching/cluster/termFrequencies';
import type { Graph } from '../driver';
import { defaultResolverEngine, type ResolverEngine } from './engine';
import { readMatchRecord, type StoredRecordRow } from './writeMentions';

const PAGE = 5000;

/**
 * Counts name rarity again from every mention's record, over distinct name forms: one (:NameForm) per
 * form, each token counted once per form, the total of forms on the statistics. For graphs written
 * before rarity was counted over forms (migration 6), whose counts were per mention. Sets absolute
 * values, so running it twice gives the same counts; dates the mentions decided before it at a
 * caseload of 0, so that the redo sweep decides them again on the new counts.
 */
export async function recountNameForms(
  graph: Graph,
  engine: ResolverEngine = defaultResolverEngine(),
): Promise<number> {
  const forms = new Map<string, string[]>();
  for (let after = ''; ; ) {
    const page = await graph.read(async (tx) => {
      const r = await tx.run<StoredRecordRow>(
        'MATCH (m:Mention) WHERE m.id > $after RETURN m.id AS id, m.record AS record ORDER BY m.id LIMIT $limit',
        { after, limit: neo4j.int(PAGE) },
      );
      return r.records.map((row) => ({ id: row.get('id'), record: readMatchRecord(row.get('record')) }));
    });
    for (const { record } of page) {
      for (const tokens of engine.nameTokens(engine.prepare(record)))
        if (tokens.length > 0) forms.set(nameForm(tokens), [...new Set(tokens)]);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  const tokenCounts = new Map<string, number>();
  for (const tokens of forms.values()) for (const t of tokens) tokenCounts.set(t, (tokenCounts.get(t) ?? 0) + 1);
  await graph.write(async (tx) => {
    await tx.run('MATCH (n:NameToken) SET n.count = 0');
    await tx.run('MATCH (s:NameStats) SET s.names = 0');
    await tx.run('MERGE (s:NameStats {shard: 0}) SET s.names = $names', { names: forms.size });
  });
  const keys = [...forms.keys()].sort();
  for (let i = 0; i < keys.length; i += PAGE) {
    await graph.write((tx) =>
      tx.run('UNWIND $keys AS key MERGE (:NameForm {key: key})', { keys: keys.slice(i, i + PAGE) }),
    );
  }
  const counts = [...tokenCounts].sort((p, q) => (p[0] < q[0] ? -1 : 1)).map(([token, count]) => ({ token, count }));
  for (let i = 0; i < counts.length; i += PAGE) {
    await graph.write((tx) =>
      tx.run('UNWIND $rows AS row MERGE (n:NameToken {token: row.token}) SET n.count = row.count', {
        rows: counts.slice(i, i + PAGE),
      }),
    );
  }
  // Mentions decided before rarity was counted over forms are decided again by the redo sweep.
  for (;;) {
    const dated = await graph.write(async (tx) => {
      const r = await tx.run(
        'MATCH (m:Mention) WHERE m.namesAt IS NULL WITH m LIMIT $limit SET m.namesAt = 0 RETURN count(m) AS n',
        { limit: neo4j.int(PAGE) },
      );
      return Number(r.records[0]?.get('n') ?? 0);
    });
    if (dated === 0) break;
  }
  return forms.size;
}
