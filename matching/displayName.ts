/**
 * The one name a screen shows for an entity. It must not jump with each new report (the latest
 * misspelling), must never be empty or a run of separators, and for a person must never be a phone or
 * account number typed into the name field. So: the well-formed name the most mentions give, spelled as
 * most of them spell it; ties go to the fuller name, then to code-point order, so the answer depends only
 * on the names and never on the order they come in.
 */

/** Characters that show nothing or reorder text (the joiners some scripts need inside words stay). */
const INVISIBLE = /(?![\u200c\u200d])[\p{Cc}\p{Cf}]/gu;

/** A name as shown: NFC, no invisible characters, single spaces, no leading or trailing space. */
export function cleanName(name: string): string {
  return name.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/** Names that are not names: a person needs letters, few digits and no mail address. */
export function isWellFormedName(name: string, person: boolean): boolean {
  if (!/[\p{L}\p{N}]/u.test(name)) return false;
  if (!person) return true;
  return /\p{L}/u.test(name) && (name.match(/\p{N}/gu)?.length ?? 0) < 3 && !name.includes('@');
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Group {
  support: number;
  spellings: Map<string, number>;
}

function spellingOf(group: Group): string {
  return [...group.spellings].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]))[0]![0];
}

/**
 * `mentions` holds each mention's names; a name counts once per mention that gives it (in any case or
 * spacing). `fallback` is shown when no name is well-formed (e.g. "Unnamed person").
 */
export function chooseDisplayName(
  mentions: ReadonlyArray<readonly string[]>,
  options: { person: boolean; fallback: string },
): string {
  const groups = new Map<string, Group>();
  for (const names of mentions) {
    const seen = new Set<string>();
    for (const raw of names) {
      const spelling = cleanName(raw);
      if (!isWellFormedName(spelling, options.person)) continue;
      const key = spelling.toLowerCase();
      const group = groups.get(key) ?? { support: 0, spellings: new Map() };
      group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + 1);
      if (!seen.has(key)) group.support += 1;
      seen.add(key);
      groups.set(key, group);
    }
  }
  const ranked = [...groups].sort(
    ([ka, a], [kb, b]) =>
      b.support - a.support ||
      kb.split(' ').length - ka.split(' ').length ||
      kb.length - ka.length ||
      byCodePoint(ka, kb),
  );
  const best = ranked[0];
  if (best) return spellingOf(best[1]);
  return cleanName(options.fallback) || 'Unnamed';
}
