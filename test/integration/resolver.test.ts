import type { Graph } from '../../graph/driver';
import { getEntity, judgementHistory, resolveEntityId } from '../../graph/read/entities';
import { neighbourhood } from '../../graph/read/neighbourhood';
import { reviewQueue } from '../../graph/read/review';
import { judge, split } from '../../graph/resolve/judgements';
import { Resolver } from '../../graph/resolve/resolver';
import type { MentionInput } from '../../src/domain/mention';
import { link, mention } from '../support/mentions';
import { partitionOf } from '../support/partition';
import { resetGraph, testCandidateIndex, testGraph } from '../support/services';

describe('resolving mentions into the graph', () => {
  let graph: Graph;
  let candidates: ReturnType<typeof testCandidateIndex>;
  let resolver: Resolver;
  beforeAll(() => {
    graph = testGraph();
    candidates = testCandidateIndex(graph, 'resolver');
  });
  beforeEach(async () => {
    await resetGraph(graph);
    resolver = new Resolver(graph, { index: candidates.index });
  });
  afterAll(async () => {
    await candidates.close();
    await graph.close();
  });

  const entityOf = async (m: MentionInput) =>
    (await partitionOf(graph, [m.id])).length &&
    (await graph.read(
      async (tx) =>
        (
          await tx.run('MATCH (:Mention {id: $id})-[:RESOLVED_TO]->(e) RETURN e.id AS e', { id: m.id })
        ).records[0]!.get('e') as string,
    ));

  it('links mentions through one phone written two ways, even when the names differ', async () => {
    const a = mention({ name: ['Somchai Rattanaphongsiri'], phone: ['081-234-5678'] });
    const b = mention({ name: ['Nai Somchay R.'], phone: ['+66 81 234 5678'] });
    await resolver.resolve([a]);
    const outcome = await resolver.resolve([b]);
    expect(outcome.mentions[0]!.decision).toBe('linked');
    expect(await partitionOf(graph, [a.id, b.id])).toEqual([[a.id, b.id].sort()]);
    const found = await getEntity(graph, outcome.mentions[0]!.entityId);
    if (found.kind !== 'entity') throw new Error('expected an entity');
    expect(found.entity.identifiers).toEqual([{ kind: 'phone', value: '+66812345678', sharedWith: 0 }]);
    expect(found.entity.mentions.map((m) => m.decision).sort()).toEqual(expect.arrayContaining(['identifier']));
  });

  it('links bank accounts written with and without separators, and never accounts one digit apart', async () => {
    const a = mention({ accountNumber: ['123-4-56789-0'], bankName: ['Kasikornbank'] }, { schema: 'BankAccount' });
    const b = mention({ accountNumber: ['1234567890'] }, { schema: 'BankAccount' });
    const c = mention({ accountNumber: ['1234567891'], bankName: ['Kasikornbank'] }, { schema: 'BankAccount' });
    await resolver.resolve([a, b, c]);
    expect(await partitionOf(graph, [a.id, b.id, c.id])).toEqual(
      [[a.id, b.id].sort(), [c.id]].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
    );
  });

  it("merges two entities when a new mention links to both, and the loser's id resolves to the survivor", async () => {
    const a = mention({ name: ['Heng Sovannarith'], phone: ['012 345 678'] }, { country: 'KH' });
    const b = mention({ name: ['Sovannarith Heng'], email: ['heng.s@example.com'] }, { country: 'KH' });
    const first = await resolver.resolve([a]);
    const second = await resolver.resolve([b]);
    const [idA, idB] = [first.mentions[0]!.entityId, second.mentions[0]!.entityId];
    const bridge = mention(
      { name: ['Heng Sovannarith'], phone: ['+855 12 345 678'], email: ['Heng.S@example.com'] },
      { country: 'KH' },
    );
    const outcome = await resolver.resolve([bridge]);
    expect(await partitionOf(graph, [a.id, b.id, bridge.id])).toHaveLength(1);
    const survivor = outcome.mentions[0]!.entityId;
    const loser = survivor === idA ? idB : idA;
    expect(await getEntity(graph, loser)).toEqual({ kind: 'tombstone', id: loser, mergedInto: survivor });
    expect(await resolveEntityId(graph, loser)).toBe(survivor);
    expect(outcome.changedEntities).toEqual(expect.arrayContaining([loser, survivor]));
  });

  it('keeps two entities apart after an analyst says "different", whatever evidence comes later', async () => {
    const a = mention({ name: ['Pranee Saengthongkham'], birthDate: ['1980-02-01'] });
    const b = mention({ name: ['Pranee Saengthong'] });
    const ra = await resolver.resolve([a]);
    const rb = await resolver.resolve([b]);
    const queue = await reviewQueue(graph, { limit: 10, offset: 0 });
    expect(queue.items.map((i) => [i.entityA.id, i.entityB.id].sort())).toContainEqual(
      [ra.mentions[0]!.entityId, rb.mentions[0]!.entityId].sort(),
    );
    await judge(graph, resolver.engine, {
      entityA: ra.mentions[0]!.entityId,
      entityB: rb.mentions[0]!.entityId,
      verdict: 'different',
      by: 'analyst-1',
      reason: 'different mothers named in testimony',
    });
    // A new mention shares a phone with one and an account-holder e-mail with the other: an automatic
    // chain that would join them. The weakest link gives way instead.
    const c = mention({ name: ['Pranee Saengthongkham'], birthDate: ['1980-02-01'], phone: ['089 999 1111'] });
    const d = mention({ name: ['Pranee Saengthong'], email: ['mae.nee@example.com'] });
    await resolver.resolve([c]);
    await resolver.resolve([d]);
    await resolver.resolve([mention({ name: ['Pranee S.'], phone: ['089 999 1111'], email: ['mae.nee@example.com'] })]);
    const groups = await partitionOf(graph, [a.id, b.id]);
    expect(groups).toHaveLength(2);
    const history = await judgementHistory(graph, (await entityOf(a)) as string);
    expect(history[0]).toMatchObject({
      verdict: 'different',
      by: 'analyst-1',
      reason: 'different mothers named in testimony',
    });
  });

  it('merges two entities when an analyst says "same"', async () => {
    const a = mention({ name: ['Lim Kok Seng'] }, { country: 'MY' });
    const b = mention({ name: ['Kok Seng Lim'], birthDate: ['1975-05-05'] }, { country: 'MY' });
    const ra = await resolver.resolve([a]);
    const rb = await resolver.resolve([b]);
    await judge(graph, resolver.engine, {
      entityA: ra.mentions[0]!.entityId,
      entityB: rb.mentions[0]!.entityId,
      verdict: 'same',
      by: 'analyst-2',
    });
    expect(await partitionOf(graph, [a.id, b.id])).toHaveLength(1);
  });

  it('splits mentions out of an entity into a new one, and later evidence does not undo the split', async () => {
    const a = mention({ name: ['Tan Ah Kow'], phone: ['012-345 6789'] }, { country: 'MY' });
    const b = mention({ name: ['Jason Tan Ah Kow'], phone: ['+60 12-345 6789'] }, { country: 'MY' });
    const c = mention({ name: ['Tan Ah Kow'], phone: ['0123456789'] }, { country: 'MY' });
    const outcome = await resolver.resolve([a, b, c]);
    const entity = outcome.mentions[0]!.entityId;
    expect(await partitionOf(graph, [a.id, b.id, c.id])).toHaveLength(1);
    const result = await split(graph, resolver.engine, {
      entityId: entity,
      mentionIds: [b.id],
      by: 'analyst-1',
      reason: 'Jason Tan Ah Kow is the nephew',
    });
    expect(result.remainingEntityId).toBe(entity);
    expect(result.newEntityId).not.toBe(entity);
    await resolver.resolve([mention({ name: ['Jason Tan'], phone: ['012 345 6789'] }, { country: 'MY' })]);
    const groups = await partitionOf(graph, [a.id, b.id, c.id]);
    expect(groups).toEqual(expect.arrayContaining([[b.id]]));
  });

  it('stops linking through an identifier that too many different people share (a hotline)', async () => {
    const names = [
      'Somsak',
      'Anong',
      'Boonmee',
      'Chanida',
      'Decha',
      'Kanya',
      'Lamai',
      'Malee',
      'Niran',
      'Orathai',
      'Prasert',
    ];
    const family = ['Kaewmanee', 'Srisuk', 'Thongdee', 'Phromma', 'Chaiyaphum'];
    const mentions = Array.from({ length: 55 }, (_, i) =>
      mention({
        name: [`${names[i % names.length]} ${family[Math.floor(i / names.length) % family.length]}${i}`],
        phone: ['02 111 2222'],
      }),
    );
    for (let i = 0; i < mentions.length; i += 5) await resolver.resolve(mentions.slice(i, i + 5));
    await resolver.resolve([mention({ name: ['Wichai Saelim'], phone: ['02-111-2222'] })]);
    const groups = await partitionOf(
      graph,
      mentions.map((m) => m.id),
    );
    expect(groups.length).toBeGreaterThan(1);
  });

  it('relates entities as reported, with the reports behind each relation', async () => {
    const owner = mention({ name: ['Pak Hendro Wibowo'] }, { country: 'ID', report: 'rep_rel', ref: 'p1' });
    const account = mention(
      { accountNumber: ['0987654321'], bankName: ['BCA'] },
      { schema: 'BankAccount', country: 'ID', report: 'rep_rel', ref: 'a1' },
    );
    const outcome = await resolver.resolve([owner, account], [link('Ownership', owner, account)]);
    const ownerEntity = outcome.mentions.find((m) => m.mentionId === owner.id)!.entityId;
    const found = await getEntity(graph, ownerEntity);
    if (found.kind !== 'entity') throw new Error('expected an entity');
    expect(found.entity.relations).toEqual([
      expect.objectContaining({ type: 'Ownership', direction: 'out', reportIds: ['rep_rel'] }),
    ]);
    const around = await neighbourhood(graph, ownerEntity, 2);
    expect(around.nodes.map((n) => n.id)).toContain(outcome.mentions.find((m) => m.mentionId === account.id)!.entityId);
  });

  it('leaves a common name alone (no identifier, no birth date) unlinked', async () => {
    const a = mention({ name: ['Nguyen Van Nam'] }, { country: 'VN' });
    const b = mention({ name: ['Nguyễn Văn Nam'] }, { country: 'VN' });
    await resolver.resolve([a]);
    await resolver.resolve([b]);
    expect(await partitionOf(graph, [a.id, b.id])).toHaveLength(2);
  });

  it('writes and resolves the same mentions twice without duplicating anything', async () => {
    const a = mention({ name: ['Keo Sambath'], phone: ['097 123 4567'] }, { country: 'KH' });
    await resolver.resolve([a]);
    await resolver.resolve([a]);
    const counts = await graph.read(
      async (tx) =>
        (
          await tx.run(
            'MATCH (m:Mention) WITH count(m) AS mentions MATCH (e:Entity) WHERE e.mergedInto IS NULL ' +
              'RETURN mentions, count(e) AS entities',
          )
        ).records[0]!,
    );
    expect([counts.get('mentions'), counts.get('entities')]).toEqual([1, 1]);
  });
});
