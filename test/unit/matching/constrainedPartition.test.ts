import fc from 'fast-check';
import { type CandidateLink, constrainedPartition } from '../../../matching/cluster/constrainedPartition';

const link = (a: string, b: string, kind: CandidateLink['kind'], score = 0.95): CandidateLink => ({
  a,
  b,
  kind,
  score,
});

describe('entities as components of accepted links', () => {
  it('joins items connected by a chain of links', () => {
    const result = constrainedPartition({
      items: ['a', 'b', 'c', 'd'],
      links: [link('a', 'b', 'score'), link('b', 'c', 'identifier')],
      cannotLink: [],
    });
    expect(result.components).toEqual([['a', 'b', 'c'], ['d']]);
    expect(result.rejected).toEqual([]);
  });

  it('lets the weakest automatic link of a chain give way to an analyst\'s "different"', () => {
    const weak = link('b', 'c', 'score', 0.91);
    const result = constrainedPartition({
      items: ['a', 'b', 'c'],
      links: [link('a', 'b', 'score', 0.99), weak, link('a', 'c', 'score', 0.93)],
      cannotLink: [['a', 'c']],
    });
    expect(result.components).toEqual([['a', 'b'], ['c']]);
    expect(result.rejected).toEqual(expect.arrayContaining([weak]));
  });

  it('keeps an analyst\'s "same" over a shared identifier, and a shared identifier over a score', () => {
    const result = constrainedPartition({
      items: ['a', 'b', 'c'],
      links: [link('a', 'b', 'score', 0.99), link('b', 'c', 'identifier', 0.2), link('a', 'c', 'judgement', 0)],
      cannotLink: [['a', 'b']],
    });
    expect(result.components).toEqual([['a', 'c'], ['b']]);
  });

  it('ignores links and constraints about items outside the input', () => {
    const result = constrainedPartition({ items: ['a'], links: [link('a', 'z', 'score')], cannotLink: [['a', 'y']] });
    expect(result.components).toEqual([['a']]);
  });

  it('gives the same partition whatever order links and items come in (sequence neutrality)', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'];
    const arbLink = fc.record({
      a: fc.constantFrom(...items),
      b: fc.constantFrom(...items),
      kind: fc.constantFrom<CandidateLink['kind']>('judgement', 'identifier', 'score'),
      score: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    const arbPair = fc.tuple(fc.constantFrom(...items), fc.constantFrom(...items)).filter(([x, y]) => x !== y);
    fc.assert(
      fc.property(
        fc.array(arbLink, { maxLength: 12 }),
        fc.array(arbPair, { maxLength: 3 }),
        fc.integer(),
        (links, cannot, seed) => {
          const shuffled = [...links].sort((p, q) => ((seed ^ (p.score * 1e9)) % 7) - ((seed ^ (q.score * 1e9)) % 7));
          const one = constrainedPartition({ items, links, cannotLink: cannot });
          const two = constrainedPartition({
            items: [...items].reverse(),
            links: shuffled.reverse(),
            cannotLink: [...cannot].reverse(),
          });
          expect(two.components).toEqual(one.components);
        },
      ),
    );
  });

  it('never puts a cannot-link pair into one component', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            a: fc.constantFrom(...items),
            b: fc.constantFrom(...items),
            kind: fc.constantFrom<CandidateLink['kind']>('identifier', 'score'),
            score: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
        ),
        fc.array(
          fc.tuple(fc.constantFrom(...items), fc.constantFrom(...items)).filter(([x, y]) => x !== y),
          { maxLength: 4 },
        ),
        (links, cannot) => {
          const { components } = constrainedPartition({ items, links, cannotLink: cannot });
          for (const [x, y] of cannot) expect(components.some((c) => c.includes(x) && c.includes(y))).toBe(false);
        },
      ),
    );
  });
});
