import type { StoredLead } from '../../src/domain/leads';
import type { OutcomeStats } from '../../src/domain/outcomes';
import type { Graph } from '../driver';
import { leadFromNode, reportsOfLead } from '../leads/store';
import { type GroupKey, groupFigures, outcomeFigures } from './figures';
import { allOutcomes } from './store';

/** One way of grouping exported leads on the outcomes page: a lead may fall in several groups, or none. */
export interface OutcomeDimension {
  dimension: string;
  title: string;
  groupsOf(graph: Graph, leads: readonly StoredLead[]): Promise<Map<string, GroupKey[]>>;
}

const uniqueByKey = (keys: readonly GroupKey[]): GroupKey[] => [...new Map(keys.map((k) => [k.key, k])).values()];

/** The breakdowns of the outcomes page, in the order it shows them; another is one more entry here. */
export const OUTCOME_DIMENSIONS: readonly OutcomeDimension[] = [
  {
    dimension: 'rule',
    title: 'By rule that gave the lead points',
    // A points entry's `what` names its rule and holds no values (graph/leads/rules.ts), so it is the rule's key.
    groupsOf: async (_graph, leads) =>
      new Map(
        leads.map((l) => [
          l.id,
          l.evaluation.points.filter((p) => p.points > 0).map((p) => ({ key: p.what, name: p.what })),
        ]),
      ),
  },
  {
    dimension: 'typology',
    title: 'By typology of FinCEN FIN-2020-A008 the lead shows',
    groupsOf: async (_graph, leads) =>
      new Map(leads.map((l) => [l.id, (l.evaluation.typologies ?? []).map((t) => ({ key: t.id, name: t.name }))])),
  },
  {
    dimension: 'organisation',
    title: 'By organisation that reported',
    groupsOf: async (graph, leads) => {
      const reports = await reportsOfLead(
        graph,
        leads.flatMap((l) => l.evaluation.evidence.reportIds),
      );
      const byId = new Map(reports.map((r) => [r.id, { key: r.orgId, name: r.orgName }]));
      return new Map(
        leads.map((l) => [l.id, uniqueByKey(l.evaluation.evidence.reportIds.flatMap((id) => byId.get(id) ?? []))]),
      );
    },
  },
];

/** The outcomes page: every exported lead and every outcome, in total and along each dimension. */
export async function outcomeStats(
  graph: Graph,
  dimensions: readonly OutcomeDimension[] = OUTCOME_DIMENSIONS,
  now = new Date(),
): Promise<OutcomeStats> {
  const { leads, outcomes } = await graph.read(async (tx) => {
    const r = await tx.run('MATCH (:Export)-[:CONTAINS]->(l:Lead) RETURN DISTINCT l ORDER BY l.id');
    return { leads: r.records.map((row) => leadFromNode(row.get('l'))), outcomes: await allOutcomes(tx) };
  });
  const breakdowns = [];
  for (const d of dimensions) {
    breakdowns.push({
      dimension: d.dimension,
      title: d.title,
      groups: groupFigures(await d.groupsOf(graph, leads), outcomes),
    });
  }
  return {
    ...outcomeFigures(new Set(leads.map((l) => l.id)), outcomes),
    breakdowns,
    at: now.toISOString(),
  };
}
