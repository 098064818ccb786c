/** Greek to Latin following ELOT 743 (the passport transliteration), with the common digraphs. */

const DIGRAPHS: ReadonlyArray<readonly [string, string]> = [
  ['ου', 'ou'],
  ['αι', 'ai'],
  ['ει', 'ei'],
  ['οι', 'oi'],
  ['υι', 'yi'],
  ['αυ', 'av'],
  ['ευ', 'ev'],
  ['γγ', 'ng'],
  ['γκ', 'gk'],
  ['γξ', 'nx'],
  ['γχ', 'nch'],
  ['μπ', 'mp'],
  ['ντ', 'nt'],
];

const LETTERS: Readonly<Record<string, string>> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

export function transliterateGreek(text: string): string {
  // Tonos and dialytika are marks: drop them first so that ά reads as α.
  let rest = text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  let out = '';
  while (rest.length > 0) {
    const digraph = DIGRAPHS.find(([greek]) => rest.startsWith(greek));
    if (digraph) {
      out += digraph[1];
      rest = rest.slice(digraph[0].length);
    } else {
      const ch = rest[0]!;
      out += LETTERS[ch] ?? ch;
      rest = rest.slice(1);
    }
  }
  return out;
}
