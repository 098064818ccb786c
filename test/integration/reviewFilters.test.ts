import { registerOrganisation } from '../../graph/auth/organisations';
import { Resolver } from '../../graph/resolve/resolver';
import type { MentionInput } from '../../src/domain/mention';
import { mention } from '../support/mentions';
import { resetGraph, testGraph } from '../support/services';
import { startTestStack, type TestStack } from '../support/stack';

/*
 * GET /api/v1/review narrowed by kind, country, organisation and score band, over pairs the real resolver
 * sent to review: each filter keeps exactly the pairs it names, filters combine, and a bad filter is a 400
 * naming the field. Invented names only.
 */

type Page = {
  items: Array<{ entityA: { names: string[] }; entityB: { names: string[] }; score: number }>;
  total: number;
  choices: { schemas: string[]; countries: string[]; orgs: Array<{ slug: string; name: string }> };
};

/** Pairs a matcher should doubt: one name in another order or spelt another way, from two reports each. */
const PAIRS: Array<{ key: string; a: MentionInput; b: MentionInput }> = [
  {
    key: 'lim',
    a: mention({ name: ['Lim Kok Seng'] }, { country: 'MY', org: 'my-ngo-a' }),
    b: mention({ name: ['Kok Seng Lim'], birthDate: ['1975-05-05'] }, { country: 'MY', org: 'my-ngo-b' }),
  },
  {
    key: 'lau',
    a: mention({ name: ['Lau Siew Mei'] }, { country: 'MY', org: 'my-ngo-a' }),
    b: mention({ name: ['Lau Siew May'], birthDate: ['1969-02-11'] }, { country: 'MY', org: 'my-ngo-a' }),
  },
  {
    key: 'somsak',
    a: mention({ name: ['Somsak Wongsawat'] }, { country: 'TH', org: 'th-hope' }),
    b: mention({ name: ['Somsak Wongsawad'], birthDate: ['1980-07-19'] }, { country: 'TH', org: 'th-hope' }),
  },
  {
    key: 'sokha',
    a: mention({ name: ['Sokha Manpower Co Ltd'] }, { schema: 'Company', country: 'KH', org: 'kh-river' }),
    b: mention({ name: ['Sokha Man Power Co Ltd'] }, { schema: 'Company', country: 'KH', org: 'kh-river' }),
  },
];

describe('the review queue API filters', () => {
  let stack: TestStack;
  let analyst: string;
  /** Which fixture pair a queue item is, by its names. */
  const keyOf = (item: Page['items'][number]) =>
    PAIRS.find((p) => [...item.entityA.names, ...item.entityB.names].includes(p.a.properties.name![0]!))!.key;
  const review = async (query: string): Promise<Page> => {
    const res = await stack.call(`/api/v1/review?${query}`, { key: analyst });
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  beforeAll(async () => {
    await resetGraph(testGraph());
    stack = await startTestStack('review-filters', { workers: false });
    analyst = await stack.keyFor('analyst', 'hub');
    await registerOrganisation(testGraph(), { slug: 'th-hope', name: 'Hope Shelter Chiang Rai', country: 'TH' });
    const resolver = new Resolver(stack.graph, { index: stack.ctx.index });
    for (const { a, b } of PAIRS) {
      await resolver.resolve([a]);
      await resolver.resolve([b]);
    }
  });
  afterAll(() => stack.close());

  it('lists every pair unfiltered, with the kinds, countries and organisations the filters can be set to', async () => {
    const page = await review('');
    expect(page.items.map(keyOf).sort()).toEqual(PAIRS.map((p) => p.key).sort());
    expect(page.choices).toEqual({
      schemas: ['Company', 'Person'],
      countries: ['KH', 'MY', 'TH'],
      // by display name; an organisation unregistered in this fixture shows its slug
      orgs: [
        { slug: 'th-hope', name: 'Hope Shelter Chiang Rai' },
        { slug: 'kh-river', name: 'kh-river' },
        { slug: 'my-ngo-a', name: 'my-ngo-a' },
        { slug: 'my-ngo-b', name: 'my-ngo-b' },
      ],
    });
  });

  it.each([
    ['a kind', 'schema=Company', ['sokha']],
    ['a country', 'country=MY', ['lau', 'lim']],
    ["an organisation's reports on either side", 'org=my-ngo-b', ['lim']],
    ['an organisation with no pair', 'org=vn-blue-dragon', []],
    ['a kind and a country together', 'schema=Person&country=TH', ['somsak']],
  ])('keeps only the pairs of %s (%s)', async (_what, query, expected) => {
    const page = await review(query);
    expect(page.items.map(keyOf).sort()).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it('splits the queue by score band: minScore keeps scores from it up, maxScore those below it', async () => {
    const scores = (await review('')).items.map((i) => i.score).sort((x, y) => x - y);
    // A boundary between the lowest and the next higher score, so that both sides hold a pair.
    const higher = scores.find((s) => s > scores[0]!)!;
    const cut = (scores[0]! + higher) / 2;
    const above = await review(`minScore=${cut}`);
    const below = await review(`maxScore=${cut}`);
    expect(above.items.every((i) => i.score >= cut)).toBe(true);
    expect(below.items.every((i) => i.score < cut)).toBe(true);
    expect(above.total + below.total).toBe(PAIRS.length);
    expect(below.total).toBeGreaterThan(0);
    expect(above.total).toBeGreaterThan(0);
    expect((await review(`minScore=${cut}&maxScore=1`)).total).toBe(above.total);
  });

  it.each([
    ['schema=Dog', 'schema', /Person/],
    ['country=my', 'country', /ISO 3166-1/],
    ['org=Not%20A%20Slug', 'org', /must be a slug/],
    ['minScore=1.5', 'minScore', /at most 1/],
    ['maxScore=high', 'maxScore', /number/],
    ['minScore=0.9&maxScore=0.5', 'maxScore', /greater than minScore/],
  ])('refuses %s with 400 naming %s', async (query, path, message) => {
    const res = await stack.call(`/api/v1/review?${query}`, { key: analyst });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: Array<{ path: string; message: string }> };
    expect(body.issues).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
  });
});
