import fc from 'fast-check';
import { chooseDisplayName } from '../../../matching/displayName';

const person = { person: true, fallback: 'Unnamed person' };
const company = { person: false, fallback: 'Unnamed company' };

describe("an entity's display name", () => {
  it('is the name the most mentions give, not the latest spelling', () => {
    const mentions = [['Somchai Jaidee'], ['Somchai Jaidee', 'Chai'], ['Somchay Jaidee'], ['Somchai Jaidee']];
    expect(chooseDisplayName(mentions, person)).toBe('Somchai Jaidee');
    expect(chooseDisplayName([...mentions, ['Somchay Jaidee']], person)).toBe('Somchai Jaidee');
  });

  it('counts a name once per mention, in any case or spacing, and shows the spelling most of them use', () => {
    const mentions = [['Nguyen Van An', 'nguyen  van an'], ['NGUYEN VAN AN'], ['Nguyen Van An'], ['Tran Thi Bich']];
    expect(chooseDisplayName(mentions, person)).toBe('Nguyen Van An');
    expect(chooseDisplayName([['Tran Thi Bich'], ['Tran Thi Bich'], ['Nguyen Van An']], person)).toBe('Tran Thi Bich');
  });

  it('breaks a tie by the fuller name, then by code-point order', () => {
    expect(chooseDisplayName([['Sokha'], ['Chan Sokha']], person)).toBe('Chan Sokha');
    expect(chooseDisplayName([['Aung Ko'], ['Aung Kyaw']], person)).toBe('Aung Kyaw');
    expect(chooseDisplayName([['Min Thu'], ['Min Aye']], person)).toBe('Min Aye');
  });

  it('never shows a phone, an account number, a mail address or separators as a person', () => {
    const junk = [['0812345678'], ['+66 81 234 5678'], ['123-456-7890'], ['somchai@example.th'], ['· ·'], ['  ']];
    expect(chooseDisplayName([...junk, ...junk], person)).toBe('Unnamed person');
    expect(chooseDisplayName([...junk, ...junk, ['Malee Srisuk']], person)).toBe('Malee Srisuk');
  });

  it('lets an organisation or account carry digits in its name', () => {
    expect(chooseDisplayName([['7-Eleven Sukhumvit 22'], ['· ·']], company)).toBe('7-Eleven Sukhumvit 22');
  });

  it('removes invisible characters but keeps the joiners a script needs', () => {
    expect(chooseDisplayName([['\u200bLinh\u202e Pham\u0000']], person)).toBe('Linh Pham');
    expect(chooseDisplayName([['\u1781\u17d2\u200c\u1798\u17c2\u179a']], person)).toBe(
      '\u1781\u17d2\u200c\u1798\u17c2\u179a',
    );
  });

  it('is never empty, whatever the names', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string())), fc.boolean(), fc.string(), (mentions, isPerson, fallback) => {
        expect(chooseDisplayName(mentions, { person: isPerson, fallback }).trim()).not.toBe('');
      }),
    );
  });

  it('does not depend on the order of mentions or of names within a mention', () => {
    const name = fc.constantFrom('Somchai Jaidee', 'somchai jaidee', 'Somchay', 'Chai', '0812345678', '· ·', 'Ma Ma');
    fc.assert(
      fc.property(fc.array(fc.array(name, { maxLength: 3 }), { maxLength: 8 }), fc.boolean(), (mentions, isPerson) => {
        const reversed = [...mentions].reverse().map((names) => [...names].reverse());
        const options = { person: isPerson, fallback: 'Unnamed' };
        expect(chooseDisplayName(reversed, options)).toBe(chooseDisplayName(mentions, options));
      }),
    );
  });
});
