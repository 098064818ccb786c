import { isGenericKey, isStrongKey, KEY_BUILDERS, KeyIndex } from '../../../matching/blocking';
import { lshBands, signature } from '../../../matching/blocking/minhash';

describe('MinHash bands', () => {
  it('are deterministic: fixed seeds, no randomness', () => {
    expect(lshBands(['somchai', 'jaidee'], { bands: 4, rows: 3, gram: 3 })).toEqual(
      lshBands(['somchai', 'jaidee'], { bands: 4, rows: 3, gram: 3 }),
    );
    // Pinned values: keys are stored in the graph, so a change here means re-keying every mention.
    expect(Array.from(signature(['abc'], 2, 3))).toEqual([-1243357398, -2104328054]);
    expect(lshBands(['somchai'], { bands: 2, rows: 2, gram: 3 })).toEqual(['0:94c13fb9', '1:fd7a1159']);
  });

  it('ignore token order, since grams are taken per token', () => {
    expect(lshBands(['jaidee', 'somchai'], { bands: 8, rows: 4, gram: 3 })).toEqual(
      lshBands(['somchai', 'jaidee'], { bands: 8, rows: 4, gram: 3 }),
    );
  });

  it('pad tokens so that a token shorter than a gram still has bands, and no tokens have none', () => {
    expect(lshBands(['u'], { bands: 2, rows: 2, gram: 3 })).toHaveLength(2);
    expect(lshBands([], { bands: 2, rows: 2, gram: 3 })).toEqual([]);
  });

  it('count a gram once however often it occurs', () => {
    expect(Array.from(signature(['anan', 'anan'], 8, 3))).toEqual(Array.from(signature(['anan'], 8, 3)));
  });
});

describe('generic keys', () => {
  it('turn generic at their builder threshold, each builder its own', () => {
    for (const builder of KEY_BUILDERS) {
      expect(isGenericKey(`${builder.name}:x`, builder.genericAt - 1)).toBe(false);
      expect(isGenericKey(`${builder.name}:x`, builder.genericAt)).toBe(true);
    }
  });

  it('stop driving candidates and stop growing their postings', () => {
    const index = new KeyIndex();
    const idThreshold = KEY_BUILDERS.find((b) => b.name === 'id')?.genericAt ?? 0;
    for (let id = 0; id < idThreshold; id += 1) index.add(id, ['id:phone:+6621234567', `st:person ${id}`]);
    expect(index.isGeneric('id:phone:+6621234567')).toBe(true);
    expect(index.candidates(['id:phone:+6621234567'], 1000)).toEqual([]);
    expect(index.candidates(['st:person 3'], 1000)).toEqual([{ id: 3, support: 1 }]);
  });

  it('can be decided on counts taken beforehand, independent of arrival', () => {
    const index = new KeyIndex(new Map([['ph:NKN', 10_000]]));
    index.add(0, ['ph:NKN']);
    expect(index.candidates(['ph:NKN'], 10)).toEqual([]);
  });

  it('tells strong identifier keys from the rest', () => {
    expect(isStrongKey('id:phone:+66812345678')).toBe(true);
    expect(isStrongKey('weak:account:5678')).toBe(false);
    expect(isStrongKey('ph:SMX')).toBe(false);
  });
});

describe('candidate ranking', () => {
  it('puts records sharing more keys first, ties by id, and caps the list', () => {
    const index = new KeyIndex();
    index.add(0, ['st:a']);
    index.add(1, ['st:a', 'dob:1990-01-02']);
    index.add(2, ['st:a']);
    expect(index.candidates(['st:a', 'dob:1990-01-02'], 2)).toEqual([
      { id: 1, support: 2 },
      { id: 0, support: 1 },
    ]);
  });

  it('needs a second shared key when the only one is a common token sound', () => {
    const index = new KeyIndex(
      new Map([
        ['ph:somjai', 120],
        ['lsh:0:00000001', 120],
        ['ph:jaidi', 3],
      ]),
    );
    index.add(0, ['ph:somjai']);
    index.add(1, ['ph:somjai', 'lsh:0:00000001']);
    index.add(2, ['ph:jaidi']);
    expect(index.candidates(['ph:somjai', 'lsh:0:00000001', 'ph:jaidi'], 10)).toEqual([
      { id: 1, support: 1 },
      { id: 2, support: 1 },
    ]);
  });
});
