import { openCaseRef, sealCaseRef } from '../../../graph/reports/caseRefSeal';

const SECRET = 'a-test-secret-of-at-least-32-characters-0001';

describe('a sealed case reference', () => {
  it('opens to the reference its organisation gave, each sealing different', () => {
    const one = sealCaseRef(SECRET, 'th-ruamjai', 'TH-2026-0042');
    const two = sealCaseRef(SECRET, 'th-ruamjai', 'TH-2026-0042');
    expect(one).not.toBe(two);
    expect(one).not.toContain('0042');
    expect(openCaseRef(SECRET, 'th-ruamjai', one)).toBe('TH-2026-0042');
  });

  it('does not open for another organisation, under another secret, or once altered', () => {
    const sealed = sealCaseRef(SECRET, 'th-ruamjai', 'TH-2026-0042');
    expect(openCaseRef(SECRET, 'kh-tonle', sealed)).toBeNull();
    expect(openCaseRef(`${SECRET}-rotated`, 'th-ruamjai', sealed)).toBeNull();
    const [iv, tag, data] = sealed.split('.');
    const flipped = `${data!.startsWith('A') ? 'B' : 'A'}${data!.slice(1)}`;
    expect(openCaseRef(SECRET, 'th-ruamjai', [iv, tag, flipped].join('.'))).toBeNull();
    expect(openCaseRef(SECRET, 'th-ruamjai', null)).toBeNull();
    expect(openCaseRef(SECRET, 'th-ruamjai', 'not-sealed')).toBeNull();
  });
});
