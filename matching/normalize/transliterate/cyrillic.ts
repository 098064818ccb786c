/**
 * Cyrillic to Latin, close to the BGN/PCGN forms that sanctions lists and passports use, with the
 * national variants that change a letter's sound: Ukrainian and Belarusian г is h, Serbian letters
 * take Serbian Latin, Kazakh and Mongolian letters their usual Latin forms.
 */

const COMMON: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Ukrainian, Belarusian
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'w',
  // Serbian, Macedonian
  ђ: 'dj',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ѓ: 'gj',
  ќ: 'kj',
  ѕ: 'dz',
  // Kazakh, Kyrgyz, Mongolian, Tatar, Bashkir
  қ: 'q',
  ұ: 'u',
  ү: 'u',
  ө: 'o',
  ә: 'a',
  ғ: 'gh',
  ң: 'ng',
  һ: 'h',
  ҳ: 'h',
  ҷ: 'j',
  ӣ: 'i',
  ӯ: 'u',
  ҫ: 's',
  ӑ: 'a',
  ӗ: 'e',
  ӳ: 'u',
  ҙ: 'z',
  ҡ: 'q',
};

/** Letters whose presence identifies the language variant, and the letters that variant reads differently. */
const VARIANTS: ReadonlyArray<{ marker: RegExp; overrides: Readonly<Record<string, string>> }> = [
  { marker: /[ђјљњћџ]/u, overrides: { ч: 'c', ш: 's', ж: 'z', ц: 'c', х: 'h', и: 'i', й: 'j' } },
  // Ukrainian: its own letters, or і together with и (Belarusian has no и)
  { marker: /[їєґ]|і.*и|и.*і/u, overrides: { г: 'h', и: 'y', й: 'i', х: 'kh' } },
  { marker: /[ўі]/u, overrides: { г: 'h', и: 'i' } },
];

const VOWELS = new Set('аеёиоуыэюяіїєәөүұ');

/** е at the start of a word or after a vowel or sign is pronounced, and written, "ye". */
function iotated(prev: string | undefined): boolean {
  return prev === undefined || !/\p{L}/u.test(prev) || VOWELS.has(prev) || prev === 'ь' || prev === 'ъ';
}

export function transliterateCyrillic(text: string): string {
  const lower = text.toLowerCase();
  const overrides = VARIANTS.find((v) => v.marker.test(lower))?.overrides ?? {};
  let out = '';
  let prev: string | undefined;
  for (const ch of lower) {
    if (ch === 'е' && iotated(prev)) out += 'ye';
    else out += overrides[ch] ?? COMMON[ch] ?? COMMON[ch.normalize('NFD')[0] ?? ''] ?? ch;
    prev = ch;
  }
  return out;
}
