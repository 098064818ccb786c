import { transliterateFallback } from '../../../matching/normalize/transliterate/fallback';

describe('transliteration of scripts without a transliterator of our own', () => {
  it('romanises Lao through any-ascii instead of dropping the name', () => {
    expect(transliterateFallback('ສົມພອນ').length).toBeGreaterThan(0);
  });
});
