import { OutcomeInput, outcomeIssuesFor } from '../../../src/domain/outcomes';
import { pastDayProblem } from '../../../src/domain/validation/dates';

const TODAY = '2026-06-15';

describe('the day a bank acted', () => {
  it('is a real day, at the latest a day ahead of UTC, and not before what it follows', () => {
    expect(pastDayProblem('2026-06-15', TODAY)).toBeUndefined();
    expect(pastDayProblem('2026-06-16', TODAY)).toBeUndefined();
    expect(pastDayProblem('2026-06-17', TODAY)).toMatch(/^must not be in the future: at the latest 2026-06-16/);
    for (const bad of ['2026-02-30', '2026-06', '15/06/2026', ''])
      expect(pastDayProblem(bad, TODAY)).toBe('must be a real date written YYYY-MM-DD, at the latest 2026-06-16');
    const since = { day: '2026-06-10', what: 'the export was created' };
    expect(pastDayProblem('2026-06-10', TODAY, since)).toBeUndefined();
    expect(pastDayProblem('2026-06-09', TODAY, since)).toBe('must not be before the export was created (2026-06-10)');
  });
});

describe('an outcome as a bank posts it', () => {
  const valid = { subjectId: 'ent_abc', outcome: 'account_frozen', date: '2026-01-05' };

  it('refuses unknown keys, kinds and notes with control characters, naming each field', () => {
    const result = OutcomeInput.safeParse({ ...valid, outcome: 'frozen', note: 'a\u0000b', amount: 5 });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['', 'note', 'outcome']);
    expect(OutcomeInput.parse({ ...valid, note: '  held  ' }).note).toBe('held');
  });

  it('must name a subject of the export and a day from the export on, saying what is allowed', () => {
    const input = OutcomeInput.parse(valid);
    const x = { createdAt: '2026-01-06T03:00:00.000Z', subjectIds: ['ent_one', 'ent_two'] };
    expect(outcomeIssuesFor(input, x)).toEqual([
      {
        path: 'subjectId',
        message: expect.stringContaining('allowed: the ftm_id of one of its subjects (ent_one, ent_two)'),
      },
      { path: 'date', message: 'must not be before the export was created (2026-01-06)' },
    ]);
    expect(
      outcomeIssuesFor({ ...input, subjectId: 'ent_two' }, { ...x, createdAt: '2026-01-05T23:59:00.000Z' }),
    ).toEqual([]);
    const many = Array.from({ length: 25 }, (_, i) => `ent_${i}`);
    expect(outcomeIssuesFor(input, { ...x, subjectIds: many })[0]!.message).toMatch(/ent_19 and 5 more\)$/);
  });
});
