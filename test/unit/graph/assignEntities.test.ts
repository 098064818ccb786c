import { assignEntities } from '../../../graph/resolve/assignEntities';

const fresh = () => {
  let n = 0;
  return () => {
    n += 1;
    return `ent_new${n}`;
  };
};

describe('which entity id a recomputed component carries', () => {
  it('keeps the id of the entity contributing most mentions when entities merge, and tombstones the others', () => {
    const current = new Map([
      ['m1', 'ent_a'],
      ['m2', 'ent_b'],
      ['m3', 'ent_b'],
    ]);
    const result = assignEntities([['m1', 'm2', 'm3']], current, fresh());
    expect(result.componentIds).toEqual(['ent_b']);
    expect(result.tombstones).toEqual([{ id: 'ent_a', mergedInto: 'ent_b' }]);
    expect(result.created).toEqual([]);
  });

  it('breaks a tie between merging entities by the smaller id, whatever the order of mentions', () => {
    const current = new Map([
      ['m1', 'ent_z'],
      ['m2', 'ent_a'],
    ]);
    expect(assignEntities([['m1', 'm2']], current, fresh()).componentIds).toEqual(['ent_a']);
    expect(assignEntities([['m2', 'm1']], current, fresh()).componentIds).toEqual(['ent_a']);
  });

  it('gives the larger part of a split the old id and the other part a new one', () => {
    const current = new Map([
      ['m1', 'ent_a'],
      ['m2', 'ent_a'],
      ['m3', 'ent_a'],
    ]);
    const result = assignEntities([['m1'], ['m2', 'm3']], current, fresh());
    expect(result.componentIds).toEqual(['ent_new1', 'ent_a']);
    expect(result.created).toEqual([{ component: 0, id: 'ent_new1' }]);
    expect(result.tombstones).toEqual([]);
  });

  it('lets an anchor keep the id with the part an analyst left behind, even when it is smaller', () => {
    const current = new Map([
      ['m1', 'ent_a'],
      ['m2', 'ent_a'],
      ['m3', 'ent_a'],
    ]);
    const result = assignEntities([['m1'], ['m2', 'm3']], current, fresh(), new Map([['ent_a', 'm1']]));
    expect(result.componentIds).toEqual(['ent_a', 'ent_new1']);
  });

  it('never gives one id to two components', () => {
    const current = new Map([
      ['m1', 'ent_a'],
      ['m2', 'ent_a'],
      ['m3', 'ent_b'],
    ]);
    const result = assignEntities([['m1'], ['m2'], ['m3']], current, fresh());
    expect(new Set(result.componentIds).size).toBe(3);
  });
});
