import { explain, type MatchRecord, scoreRecords } from '../../../matching';

const person = (properties: Record<string, string[]>): MatchRecord => ({
  schema: 'Person',
  properties,
  defaultCountry: 'TH',
});

describe('explanations', () => {
  it('lists the features as sentences, the most influential first', () => {
    const result = scoreRecords(
      person({ name: ['Kittipong Suwannarat'], birthDate: ['1979-03-02'] }),
      person({ name: ['Kittipong Suwanarat'], birthDate: ['1981-07-11'] }),
    );
    const lines = explain(result);
    const weights = lines.map((l) => Math.abs(l.weight));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(lines[0]!.sentence).toMatch(/Both names contain 'kittipong', 'suwannarat' \/ 'suwanarat'/);
    expect(lines.find((l) => l.feature === 'birth_date')!.sentence).toBe(
      'Birth dates are between one and ten years apart: 1979-03-02 / 1981-07-11 (moderate evidence against).',
    );
  });

  it('says when a common name is held back from automatic linking', () => {
    const result = scoreRecords(person({ name: ['Nguyen Van Nam'] }), person({ name: ['Nguyễn Văn Nam'] }));
    const sentences = explain(result)
      .map((l) => l.sentence)
      .join('\n');
    expect(sentences).toMatch(/common names/);
  });

  it('names the strength of the evidence in words', () => {
    const result = scoreRecords(
      person({ name: ['Malee Srisuk'], phone: ['+66 81 234 5678'] }),
      person({ name: ['Malee Srisuk'], phone: ['081-234-5678'] }),
    );
    const identifier = explain(result).find((l) => l.feature === 'identifiers')!;
    expect(identifier.sentence).toMatch(/^Both records hold phone \+66812345678 \(very strong evidence\)\.$/);
  });
});
