/**
 * The resolution principles of docs/matching.md, each proved through the real graph resolver on
 * invented records shaped like case files. Every test is named by the principle it proves.
 */
import type { Graph } from '../../graph/driver';
import { getEntity } from '../../graph/read/entities';
import { reviewQueue } from '../../graph/read/review';
import { Resolver } from '../../graph/resolve/resolver';
import type { MentionInput } from '../../src/domain/mention';
import { mention } from '../support/mentions';
import { partitionOf } from '../support/partition';
import { resetGraph, testCandidateIndex, testGraph } from '../support/services';

const byFirst = (parts: string[][]): string[][] =>
  parts.map((p) => [...p].sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
const apart = (...ms: MentionInput[]): string[][] => byFirst(ms.map((m) => [m.id]));
const together = (...ms: MentionInput[]): string[][] => [ms.map((m) => m.id).sort()];

describe('resolution principles', () => {
  let graph: Graph;
  let candidates: ReturnType<typeof testCandidateIndex>;
  let resolver: Resolver;
  beforeAll(() => {
    graph = testGraph();
    candidates = testCandidateIndex(graph, 'principles');
  });
  beforeEach(async () => {
    await resetGraph(graph);
    resolver = new Resolver(graph, { index: candidates.index });
  });
  afterAll(async () => {
    await candidates.close();
    await graph.close();
  });

  const resolveEach = async (ms: MentionInput[]) => {
    for (const m of ms) await resolver.resolve([m]);
  };
  const partition = async (ms: MentionInput[]) =>
    byFirst(
      await partitionOf(
        graph,
        ms.map((m) => m.id),
      ),
    );

  it(
    'a household: one family name, one address and one landline ' +
      'with different given names and birth dates are different people',
    async () => {
      const address = ['88/12 Moo 4, Tambon Wang Mai, Chanthaburi'];
      const father = mention({
        name: ['Prasit Kaewmanee'],
        birthDate: ['1962-05-03'],
        address,
        phone: ['039 311 480'],
        gender: ['male'],
      });
      const mother = mention({
        name: ['Nong Kaewmanee'],
        birthDate: ['1967-11-21'],
        address,
        phone: ['039-311-480'],
        gender: ['female'],
      });
      const son = mention({
        name: ['Anan Kaewmanee'],
        birthDate: ['1991-02-14'],
        address,
        phone: ['+66 39 311 480'],
        gender: ['male'],
      });
      await resolveEach([father, mother, son]);
      expect(await partition([father, mother, son])).toEqual(apart(father, mother, son));
      // The landline is a connection all three share, shown by one Identifier node.
      const entity = (await partitionOf(graph, [father.id]))[0]!;
      expect(entity).toEqual([father.id]);
    },
  );

  it(
    'an office e-mail shared by a staff links none of them: ' + 'a generic value is a connection, not an identity',
    async () => {
      const staff = ['Tran Minh Khoa', 'Le Thi Hoa', 'Pham Quoc Bao', 'Do Thu Trang'].map((name) =>
        mention({ name: [name], email: ['info@sonha-logistics.example'] }, { country: 'VN' }),
      );
      await resolveEach(staff);
      expect(await partition(staff)).toEqual(apart(...staff));
    },
  );

  it('sites of one agency behind one switchboard stay separate entities: the address tells the site', async () => {
    const sites = [
      mention(
        {
          name: ['Baan Rak Children Centre - Nong Khai'],
          address: ['112 Prajak Road, Nong Khai'],
          phone: ['02 615 3300'],
        },
        { schema: 'Organization' },
      ),
      mention(
        { name: ['Baan Rak Children Centre'], address: ['45 Soi Wat Pho, Udon Thani'], phone: ['02-615-3300'] },
        { schema: 'Organization' },
      ),
      mention(
        { name: ['Baan Rak Children Centre'], address: ['9 Mittraphap Road, Khon Kaen'], phone: ['+66 2 615 3300'] },
        { schema: 'Organization' },
      ),
    ];
    await resolveEach(sites);
    expect(await partition(sites)).toEqual(apart(...sites));
    // Each site is written again at its own address: that links.
    const again = mention(
      { name: ['BAAN RAK CHILDREN CENTRE NONG KHAI'], address: ['112 Prajak Rd., Nong Khai'], phone: ['026153300'] },
      { schema: 'Organization' },
    );
    await resolver.resolve([again]);
    expect(await partition([sites[0]!, again])).toEqual(together(sites[0]!, again));
  });

  it(
    'a hotline that many differently-named people give stops linking namesakes, ' +
      'and earlier links through it are taken back',
    async () => {
      const hotline = ['0912 345 678'];
      const first = mention({ name: ['Nguyen Van Long'], phone: hotline }, { country: 'VN' });
      const second = mention({ name: ['Nguyen Van Long'], phone: hotline }, { country: 'VN' });
      await resolveEach([first, second]);
      // Until the number is known to be shared, a common name with one phone links.
      expect(await partition([first, second])).toEqual(together(first, second));
      const others = ['Bui Thi Mai', 'Hoang Duc Anh', 'Vo Thanh Tam'].map((name) =>
        mention({ name: [name], phone: hotline }, { country: 'VN' }),
      );
      await resolveEach(others);
      // Three differently-named holders make the hotline generic: the namesakes' link rested on it.
      expect(await partition([first, second])).toEqual(apart(first, second));
      const queue = await reviewQueue(graph, { limit: 20, offset: 0 });
      expect(queue.items.length).toBeGreaterThan(0);
    },
  );

  it('a shared identifier links names that do not conflict: one phone, one person written two ways', async () => {
    const a = mention({ name: ['Somchai Rattanaphongsiri'], phone: ['081-234-5678'] });
    const b = mention({ name: ['Somchay R.'], phone: ['+66 81 234 5678'] });
    await resolveEach([a, b]);
    expect(await partition([a, b])).toEqual(together(a, b));
  });

  it('a company written under three legal forms is one company', async () => {
    const forms = ['Sawasdee Fishing Co., Ltd.', 'SAWASDEE FISHING COMPANY LIMITED', 'Sawasdee-Fishing Co Ltd'].map(
      (name) => mention({ name: [name] }, { schema: 'Company' }),
    );
    await resolveEach(forms);
    expect(await partition(forms)).toEqual(together(...forms));
  });

  it('a subsidiary "X Singapore" is a possible match of its parent, never merged with it', async () => {
    const parent = mention(
      { name: ['Golden Lotus Holdings Pte Ltd'], phone: ['+65 6123 4567'] },
      { schema: 'Company', country: 'SG' },
    );
    const subsidiary = mention(
      { name: ['Golden Lotus Singapore Pte Ltd'], phone: ['+65 6123 4567'] },
      { schema: 'Company', country: 'SG' },
    );
    await resolveEach([parent, subsidiary]);
    expect(await partition([parent, subsidiary])).toEqual(apart(parent, subsidiary));
    const queue = await reviewQueue(graph, { limit: 20, offset: 0 });
    expect(queue.items).toHaveLength(1);
  });

  it('different registration numbers keep sister companies apart although they share a switchboard', async () => {
    const a = mention(
      { name: ['Chao Phraya Marine Co., Ltd.'], registrationNumber: ['0105561234567'], phone: ['02 294 6170'] },
      { schema: 'Company' },
    );
    const b = mention(
      { name: ['Chao Phraya Marine Co., Ltd.'], registrationNumber: ['0745569876543'], phone: ['02-294-6170'] },
      { schema: 'Company' },
    );
    await resolveEach([a, b]);
    expect(await partition([a, b])).toEqual(apart(a, b));
  });

  it(
    'a family name changed by marriage links when the given name, ' + 'the full birth date and the address agree',
    async () => {
      const before = mention({
        firstName: ['Siriporn'],
        lastName: ['Thongchai'],
        birthDate: ['1990-04-12'],
        address: ['19 Soi Sukhumvit 71, Bangkok'],
      });
      const after = mention({
        firstName: ['Siriporn'],
        lastName: ['Wongsawat'],
        birthDate: ['1990-04-12'],
        address: ['19 Soi Sukhumvit 71, Bangkok'],
      });
      const namesake = mention({
        firstName: ['Siriporn'],
        lastName: ['Wongsawat'],
        birthDate: ['1968-09-30'],
        address: ['7 Moo 2, Lampang'],
      });
      await resolveEach([before, after, namesake]);
      expect(await partition([before, after, namesake])).toEqual(byFirst([[before.id, after.id], [namesake.id]]));
    },
  );

  it('one person written in Thai script and two romanisations is one person when the birth date agrees', async () => {
    const thai = mention({ name: ['สมชาย ใจดี'], birthDate: ['1979-03-14'] });
    const official = mention({ name: ['Somchai Jaidee'], birthDate: ['1979-03-14'] });
    const informal = mention({ name: ['Somchay Chaidee'], birthDate: ['1979-03-14'] });
    await resolveEach([thai, official, informal]);
    expect(await partition([thai, official, informal])).toEqual(together(thai, official, informal));
  });

  it(
    'relational corroboration: ' + 'two writings of a common company name tied to one account are one company',
    async () => {
      const account = {
        schema: 'BankAccount' as const,
        properties: { accountNumber: ['123-4-56789-0'], bankName: ['Kasikornbank'] },
      };
      const a = { ...mention({ name: ['Golden Star Trading Co., Ltd.'] }, { schema: 'Company' }), related: [account] };
      const b = {
        ...mention({ name: ['GOLDEN STAR TRADING COMPANY'] }, { schema: 'Company' }),
        related: [{ ...account, properties: { accountNumber: ['1234567890'] } }],
      };
      const c = mention({ name: ['Golden Star Trading Co Ltd'] }, { schema: 'Company' });
      await resolveEach([a, b, c]);
      // The account ties a and b; c has only the common name, and waits for an analyst.
      expect(await partition([a, b, c])).toEqual(byFirst([[a.id, b.id], [c.id]]));
    },
  );

  it('sequence neutrality: the same records in another order give the same partition', async () => {
    const records = (): MentionInput[] => {
      const hotline = ['0987 654 321'];
      return [
        mention({ name: ['Pham Van Duc'], phone: hotline }, { country: 'VN', report: 'rep_n1', ref: 's' }),
        mention({ name: ['Pham Van Duc'], phone: hotline }, { country: 'VN', report: 'rep_n2', ref: 's' }),
        mention({ name: ['Ly Thi Hanh'], phone: hotline }, { country: 'VN', report: 'rep_n3', ref: 's' }),
        mention({ name: ['Dang Minh Chau'], phone: hotline }, { country: 'VN', report: 'rep_n4', ref: 's' }),
        mention(
          { name: ['Truong Quoc Viet'], phone: hotline, birthDate: ['1985-06-01'] },
          { country: 'VN', report: 'rep_n5', ref: 's' },
        ),
        mention(
          { name: ['Truong Quoc Viet'], birthDate: ['1985-06-01'] },
          { country: 'VN', report: 'rep_n6', ref: 's' },
        ),
      ];
    };
    const forward = records();
    await resolveEach(forward);
    const first = await partition(forward);
    await resetGraph(graph);
    resolver = new Resolver(graph, { index: candidates.index });
    const backward = records().reverse();
    await resolveEach(backward);
    expect(await partition(backward)).toEqual(first);
  });

  it('every decision is explained from stored evidence: a conflict that held a pair back says so', async () => {
    const a = mention(
      { name: ['Golden Lotus Holdings Pte Ltd'], phone: ['+65 6123 4567'] },
      { schema: 'Company', country: 'SG' },
    );
    const b = mention(
      { name: ['Golden Lotus Singapore Pte Ltd'], phone: ['+65 6123 4567'] },
      { schema: 'Company', country: 'SG' },
    );
    await resolveEach([a, b]);
    const [item] = (await reviewQueue(graph, { limit: 5, offset: 0 })).items;
    expect(JSON.stringify(item)).toMatch(/never merged automatically/u);
    const found = await getEntity(graph, item!.entityA.id);
    expect(found.kind).toBe('entity');
  });
});
