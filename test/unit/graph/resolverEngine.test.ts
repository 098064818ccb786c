import { defaultResolverEngine } from '../../../graph/resolve/engine';
import { DEFAULT_THRESHOLDS } from '../../../matching/config';

describe('defaultResolverEngine thresholds', () => {
  it("keeps the matcher's defaults for thresholds the configuration leaves unset", () => {
    expect(defaultResolverEngine({ review: undefined, autoLink: undefined }).thresholds).toEqual(DEFAULT_THRESHOLDS);
  });

  it('takes the thresholds that are set', () => {
    expect(defaultResolverEngine({ review: 0.6 }).thresholds).toEqual({ ...DEFAULT_THRESHOLDS, review: 0.6 });
  });
});
