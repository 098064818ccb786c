import fc from 'fast-check';
import { TokenPairCache } from '../../../matching/compare/pairCache';
import { prepareToken } from '../../../matching/prepare';
import { type PreparedToken, UNNUMBERED_TOKEN } from '../../../matching/prepared';

const unnumbered = (token: PreparedToken): PreparedToken => ({ ...token, id: UNNUMBERED_TOKEN });

describe('prepared tokens', () => {
  it('prepares a token once: the same text, vowels and syllable flag give the same numbered token', () => {
    const first = prepareToken('somchai', 'written');
    expect(prepareToken('somchai', 'written')).toBe(first);
    expect(first.id).toBeGreaterThanOrEqual(0);
    expect(prepareToken('somchai', 'unwritten').id).not.toBe(first.id);
    expect(prepareToken('somchai', 'written', true).id).not.toBe(first.id);
  });
});

describe('TokenPairCache', () => {
  it('computes each pair of numbered tokens once and answers again from memory', () => {
    let computed = 0;
    const cache = new TokenPairCache((a, b) => {
      computed += 1;
      return `${a.text}/${b.text}`;
    });
    const [a, b] = [prepareToken('nguyen', 'written'), prepareToken('nguyan', 'written')];
    expect(cache.get(a, b)).toBe('nguyen/nguyan');
    expect(cache.get(a, b)).toBe('nguyen/nguyan');
    expect(cache.get(b, a)).toBe('nguyan/nguyen');
    expect(computed).toBe(2);
  });

  it('forgets everything at its capacity and still answers every pair as computed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^[a-z]{1,6}$/))), (pairs) => {
        const cache = new TokenPairCache((a, b) => a.text.length * 10 + b.text.length, 3);
        for (const [x, y] of pairs) {
          const [a, b] = [prepareToken(x, 'written'), prepareToken(y, 'written')];
          expect(cache.get(a, b)).toBe(x.length * 10 + y.length);
        }
      }),
    );
  });

  it('computes pairs of unnumbered tokens (past the token table capacity) every time, never from another pair', () => {
    let computed = 0;
    const cache = new TokenPairCache((a, b) => {
      computed += 1;
      return a.text + b.text;
    });
    const [a, b, c] = ['lim', 'lin', 'tan'].map((t) => unnumbered(prepareToken(t, 'written'))) as [
      PreparedToken,
      PreparedToken,
      PreparedToken,
    ];
    expect(cache.get(a, b)).toBe('limlin');
    expect(cache.get(a, c)).toBe('limtan');
    expect(cache.get(a, b)).toBe('limlin');
    expect(computed).toBe(3);
  });
});
