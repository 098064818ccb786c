import fc from 'fast-check';
import { sameSecret } from '../../../graph/auth/apiKeys';

describe('comparing the admin key', () => {
  it('accepts exactly the same secret and nothing else, whatever the lengths, without throwing', () => {
    // timingSafeEqual throws on buffers of unequal length; comparing digests keeps every comparison full length.
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(sameSecret(a, a)).toBe(true);
        expect(sameSecret(a, b)).toBe(a === b || Buffer.from(a, 'utf8').equals(Buffer.from(b, 'utf8')));
      }),
      { numRuns: 1000, seed: 808 },
    );
  });

  it('refuses the key with a character more, less or changed', () => {
    const key = 'lantern-admin-key-0123456789';
    for (const near of [key.slice(0, -1), `${key}0`, key.replace('0', '1'), key.toUpperCase(), ''])
      expect(sameSecret(near, key)).toBe(false);
  });
});
