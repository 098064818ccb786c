/**
 * The lead rules honour the values the resolver learns to be generic (docs/matching.md, principles 2
 * and 4; docs/leads.md, "Networks"): proved through the real resolver, which sets the flag, and the
 * real leads step, on invented mentions.
 */
import type { Graph } from '../../graph/driver';
import { type ReevaluationOutcome, reevaluateLeads } from '../../graph/leads/reevaluate';
import { type LeadPolicy, listLeads } from '../../graph/leads/store';
import { Resolver } from '../../graph/resolve/resolver';
import { DEFAULT_LEAD_RULES } from '../../src/domain/leads';
import type { MentionInput } from '../../src/domain/mention';
import { mention } from '../support/mentions';
import { resetGraph, testCandidateIndex, testGraph } from '../support/services';

const POLICY: LeadPolicy = { rules: DEFAULT_LEAD_RULES, twoPersonRule: true, reviewDays: 180 };

describe('leads and learned generic values', () => {
  let graph: Graph;
  let candidates: ReturnType<typeof testCandidateIndex>;
  let resolver: Resolver;
  /** The mentions resolved so far in the test. */
  const resolved: MentionInput[] = [];
  beforeAll(() => {
    graph = testGraph();
    candidates = testCandidateIndex(graph, 'leads-generic');
  });
  beforeEach(async () => {
    await resetGraph(graph);
    resolved.length = 0;
    resolver = new Resolver(graph, { index: candidates.index });
  });
  afterAll(async () => {
    await candidates.close();
    await graph.close();
  });

  /**
   * Each mention resolved on its own (its own report), then the leads step around the entities of every
   * mention resolved so far and those the resolution changed. (A mention that stays a singleton is not
   * among the resolver's changed entities, so the entities are named here.)
   */
  const resolveEach = async (ms: MentionInput[]) => {
    const outcomes: ReevaluationOutcome[] = [];
    for (const m of ms) {
      const { changedEntities } = await resolver.resolve([m]);
      resolved.push(m);
      const around = (await Promise.all(resolved.map(entityOf))).filter((e): e is string => e !== null);
      outcomes.push(await reevaluateLeads(graph, [...new Set([...changedEntities, ...around])].sort(), POLICY));
    }
    return { created: outcomes.flatMap((o) => o.created), retracted: outcomes.flatMap((o) => o.retracted) };
  };
  const active = async () =>
    (await listLeads(graph, { limit: 200, offset: 0 })).items.filter((l) => l.status !== 'retracted');
  const learnedGeneric = (key: string) =>
    graph.read(async (tx) => {
      const r = await tx.run('MATCH (k:BlockingKey {key: $key}) RETURN k.generic AS generic', { key });
      return (r.records[0]?.get('generic') as boolean | null | undefined) ?? null;
    });
  const entityOf = (m: MentionInput) =>
    graph.read(async (tx) => {
      const r = await tx.run('MATCH (:Mention {id: $id})-[:RESOLVED_TO]->(e:Entity) RETURN e.id AS e', { id: m.id });
      return (r.records[0]?.get('e') as string | undefined) ?? null;
    });

  it(
    "a value whose holders' names conflict in three groups ties no network and is no shared identifier: a " +
      'connection, not corroboration',
    async () => {
      // One mobile number given by three differently-named people in three organisations' reports (a
      // recruiter's hotline), one of them reported as an exploiter, another as a recruiter.
      const hotline = ['081 234 5678'];
      const kittisak = mention(
        { name: ['Kittisak Boonmee'], phone: [...hotline, '086 555 0142'] },
        { org: 'ngo-a', role: 'Exploiter' },
      );
      const wanida = mention(
        { name: ['Wanida Srisuk'], phone: hotline },
        { org: 'ngo-b', role: 'RecruiterOrIntermediary' },
      );
      const thanawat = mention({ name: ['Thanawat Chaiyaporn'], phone: hotline }, { org: 'ngo-c' });
      const first = await resolveEach([kittisak, wanida, thanawat]);

      // The resolver learned the number to be generic and kept its holders apart.
      expect(await learnedGeneric('id:phone:+66812345678')).toBe(true);
      const entities = await Promise.all([kittisak, wanida, thanawat].map(entityOf));
      expect(new Set(entities).size).toBe(3);
      // Held by three mentions only (far below the count limit), the number ties nothing once learned
      // generic: each holder is a network of its own, from a single report. While two holders had it, it
      // was a connection like any other (a couple's phone), and the lead it made lapses with it.
      expect(first.created).toHaveLength(1);
      expect(first.retracted).toEqual(first.created);
      expect(await active()).toEqual([]);

      // A number shared by two mentions whose names do not conflict still ties their reports.
      const again = mention(
        { name: ['Kitisak Boonmee'], phone: ['+66 86 555 0142'] },
        { org: 'ngo-d', role: 'Exploiter' },
      );
      const second = await resolveEach([again]);
      expect(await learnedGeneric('id:phone:+66865550142')).not.toBe(true);
      expect(await entityOf(again)).toBe(entities[0]);
      expect(second.created).toHaveLength(1);
      const [lead] = await active();
      expect(lead!.subjects.map((s) => s.entityId)).toEqual([entities[0]]);
      expect(lead!.reasons).toEqual(
        expect.arrayContaining([
          '2 independent reports (different case references) tied together, from 2 organisations',
          'shared across reports: phone +66865550142 (2 reports)',
        ]),
      );
      // The generic number is neither shared across reports nor a strong identifier held.
      expect(lead!.reasons.join('\n')).not.toContain('+66812345678');
      expect(lead!.reasons.some((r) => r.startsWith('strong identifiers held'))).toBe(false);
      expect(lead!.reasons.some((r) => /linked entit/.test(r))).toBe(false);
    },
  );
});
