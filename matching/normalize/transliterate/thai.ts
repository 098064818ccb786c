/**
 * Thai to Latin, close to the Royal Thai General System (RTGS) without a dictionary. Thai writes no
 * vowel in many syllables and places some vowels before their consonant, so this parses syllables:
 * [leading vowel] onset [vowel signs] [final consonant]. A bare consonant followed by another bare
 * consonant closes a syllable with an implicit "o" (สมชาย -> somchai); followed by a consonant that
 * carries a vowel it ends an open syllable with an implicit "a" (วชิรา -> wachira). Dictionary-level
 * exceptions are left to the phonetic comparators.
 */

/** consonant -> [sound as onset, sound as final] */
const CONSONANTS: Readonly<Record<string, readonly [string, string]>> = {
  ก: ['k', 'k'],
  ข: ['kh', 'k'],
  ฃ: ['kh', 'k'],
  ค: ['kh', 'k'],
  ฅ: ['kh', 'k'],
  ฆ: ['kh', 'k'],
  ง: ['ng', 'ng'],
  จ: ['ch', 't'],
  ฉ: ['ch', 't'],
  ช: ['ch', 't'],
  ซ: ['s', 't'],
  ฌ: ['ch', 't'],
  ญ: ['y', 'n'],
  ฎ: ['d', 't'],
  ฏ: ['t', 't'],
  ฐ: ['th', 't'],
  ฑ: ['th', 't'],
  ฒ: ['th', 't'],
  ณ: ['n', 'n'],
  ด: ['d', 't'],
  ต: ['t', 't'],
  ถ: ['th', 't'],
  ท: ['th', 't'],
  ธ: ['th', 't'],
  น: ['n', 'n'],
  บ: ['b', 'p'],
  ป: ['p', 'p'],
  ผ: ['ph', 'p'],
  ฝ: ['f', 'p'],
  พ: ['ph', 'p'],
  ฟ: ['f', 'p'],
  ภ: ['ph', 'p'],
  ม: ['m', 'm'],
  ย: ['y', 'i'],
  ร: ['r', 'n'],
  ล: ['l', 'n'],
  ว: ['w', 'o'],
  ศ: ['s', 't'],
  ษ: ['s', 't'],
  ส: ['s', 't'],
  ห: ['h', ''],
  ฬ: ['l', 'n'],
  อ: ['', ''],
  ฮ: ['h', ''],
};

const LEADING_VOWELS = new Set(['เ', 'แ', 'โ', 'ใ', 'ไ']);
/** Vowel signs written after (or above, below) their onset consonant. */
const FOLLOWING_VOWELS = new Set(['ะ', 'ั', 'า', 'ำ', 'ิ', 'ี', 'ึ', 'ื', 'ุ', 'ู', '็', 'ๅ']);
/** Tone marks and repetition signs carry no segment. */
const SILENT_MARKS = /[\u0e48-\u0e4b\u0e46\u0e2f\u0e4d\u0e4e\u0e3a]/gu;
const KARAN = '\u0e4c';
/** Second members of true onset clusters (กร, ปล, กว, ...). */
const CLUSTER_SECOND = new Set(['ร', 'ล', 'ว']);
const CLUSTER_FIRST = new Set(['ก', 'ข', 'ค', 'ต', 'ป', 'ผ', 'พ']);
/** Onsets before which ร is silent (ศรี -> si, ทราย -> sai). */
const SILENT_R_AFTER: Readonly<Record<string, string>> = { ศ: 's', ส: 's', ซ: 's', ท: 's', จ: 'ch' };
/** Sonorants that a silent leading ห only marks for tone (หล -> l, หม -> m). */
const SONORANTS = new Set(['ง', 'ญ', 'น', 'ม', 'ย', 'ร', 'ล', 'ว']);
const DIGITS = '๐๑๒๓๔๕๖๗๘๙';
/** Where a karan stood: the end of a syllable, read as nothing. */
const SYLLABLE_END = '|';
/** Letters written but not read at the end of a Sanskrit word, without a karan. */
const SILENT_TAILS = new Set(['ร', 'ธ']);
const SHORT_VOWELS = new Set(['ั', 'ิ', 'ึ', 'ุ']);
/**
 * Stops and sibilants, which a Pali or Sanskrit conjunct reads twice (nasals do not: บุญมี bunmi;
 * nor ด, a Thai letter: อัดนัน atnan).
 */
const DOUBLING_FINALS = new Set([...'กขคฆจชฎฏฐฑฒตถทธบปพภศษส']);

const isConsonant = (ch: string | undefined): boolean => ch !== undefined && ch in CONSONANTS;

/**
 * The thanthakhat (karan) silences the consonant it sits on, with a vowel sign written on it, and
 * the consonant before that when a final already closes the syllable: after mai han akat, which is
 * always closed (ลักษณ์ -> lak), and before a silenced ร (จันทร์ -> chan, ชานนทร์ -> chanon). What
 * is left before it ends a syllable (นนท์ธวัช -> non-thawat), which SYLLABLE_END records.
 */
function dropSilenced(chars: string[]): string[] {
  const out: string[] = [];
  for (const ch of chars) {
    if (ch !== KARAN) {
      out.push(ch);
      continue;
    }
    let last = out.pop();
    if (last !== undefined && !isConsonant(last)) last = out.pop();
    const [before, closing, vowel] = [out[out.length - 1], out[out.length - 2], out[out.length - 3]];
    if (isConsonant(before) && isConsonant(closing) && (last === 'ร' || vowel === 'ั')) out.pop();
    out.push(SYLLABLE_END);
  }
  return out;
}

class SyllableReader {
  private i = 0;
  private previousClosed = false;
  constructor(private readonly chars: string[]) {}

  private at(offset = 0): string | undefined {
    return this.chars[this.i + offset];
  }

  private followedByVowel(index: number): boolean {
    const next = this.chars[index + 1];
    if (next === undefined) return false;
    if (FOLLOWING_VOWELS.has(next) || this.roHan(index + 1)) return true;
    const after = this.chars[index + 2];
    // อ and ว also write vowels: ทอง (thong), หมอ (mo), ส่วน (suan). อ before a vowel sign is an onset.
    if (next === 'อ') return after === undefined || !FOLLOWING_VOWELS.has(after);
    return (
      next === 'ว' && isConsonant(after) && !FOLLOWING_VOWELS.has(this.chars[index + 3] ?? '') && !this.roHan(index + 2)
    );
  }

  /** รร (ro han) writes the vowel a, with the consonant after it as final (วรรณ wan, พรรณ phan). */
  private roHan(index: number): boolean {
    return this.chars[index] === 'ร' && this.chars[index + 1] === 'ร';
  }

  private bare(index: number): boolean {
    return isConsonant(this.chars[index]) && !this.followedByVowel(index);
  }

  /** A consonant at index can close the current syllable unless it starts the next one. */
  private canBeFinal(index: number): boolean {
    const ch = this.chars[index];
    if (!this.bare(index) || ch === 'อ') return false;
    const next = this.chars[index + 1];
    // ห before a sonorant that carries a vowel starts the next syllable (…หมา).
    return !(ch === 'ห' && SONORANTS.has(next ?? '') && this.followedByVowel(index + 1));
  }

  /**
   * After a written vowel, a run of bare consonants pairs up into implicit-o syllables (ราลงกร ->
   * ra-long-kon); an odd one out at its head closes the current syllable instead. A ร or ธ ending a
   * word after another consonant is a silent Sanskrit tail (วัตร -> wat, เพชร -> phet, ยุทธ -> yut), so
   * it does not count; other silent letters carry the karan and are gone already.
   */
  private closesWrittenVowel(index: number): boolean {
    if (!this.canBeFinal(index)) return false;
    let run = 0;
    while (this.bare(index + run)) run += 1;
    return (this.silentTail(index + run - 1) && run > 1 ? run - 1 : run) % 2 === 1;
  }

  /** The end of the word or of a syllable a karan closed. */
  private endsSyllables(index: number): boolean {
    return index >= this.chars.length || this.chars[index] === SYLLABLE_END;
  }

  private silentTail(index: number): boolean {
    return index === this.chars.length - 1 && SILENT_TAILS.has(this.chars[index]!);
  }

  private onset(hasLeadingVowel: boolean): string {
    const first = this.at()!;
    this.i += 1;
    const second = this.at();
    if (
      first === 'ห' &&
      second !== undefined &&
      SONORANTS.has(second) &&
      (hasLeadingVowel || this.followedByVowel(this.i))
    ) {
      this.i += 1;
      return CONSONANTS[second]![0];
    }
    if (second === 'ร' && first in SILENT_R_AFTER && this.followedByVowel(this.i)) {
      this.i += 1;
      return SILENT_R_AFTER[first]!;
    }
    if (first === 'อ' && second === 'ย') {
      this.i += 1;
      return 'y';
    }
    if (
      CLUSTER_FIRST.has(first) &&
      second !== undefined &&
      CLUSTER_SECOND.has(second) &&
      (hasLeadingVowel || this.followedByVowel(this.i))
    ) {
      this.i += 1;
      return CONSONANTS[first]![0] + CONSONANTS[second]![0];
    }
    return CONSONANTS[first]![0];
  }

  private leadingVowel(lead: string): string {
    const [a, b] = [this.at(), this.at(1)];
    const take = (n: number, vowel: string): string => {
      this.i += n;
      return vowel;
    };
    switch (lead) {
      case 'เ':
        if (a === 'า' && b === 'ะ') return take(2, 'o');
        if (a === 'า') return take(1, 'ao');
        if (a === 'ี' && b === 'ย') return take(2, 'ia');
        if (a === 'ื' && b === 'อ') return take(2, 'uea');
        if (a === 'อ' || a === 'ิ') return take(1, 'oe');
        if (a === '็' || a === 'ะ') return take(1, 'e');
        return 'e';
      case 'แ':
        return a === '็' || a === 'ะ' ? take(1, 'ae') : 'ae';
      case 'โ':
        return a === 'ะ' ? take(1, 'o') : 'o';
      default:
        return 'ai';
    }
  }

  /** Returns [vowel, whether a final consonant may follow]. */
  private followingVowel(): [string, boolean] {
    const ch = this.at();
    const take = (n: number, vowel: string, closable = true): [string, boolean] => {
      this.i += n;
      return [vowel, closable];
    };
    switch (ch) {
      case 'ั':
        return this.at(1) === 'ว' ? take(2, 'ua') : take(1, 'a');
      case 'า':
      case 'ๅ':
        return take(1, 'a');
      case 'ำ':
        return take(1, 'am', false);
      case 'ะ':
        return take(1, 'a', false);
      case 'ิ':
      case 'ี':
        return take(1, 'i');
      case 'ึ':
        return take(1, 'ue');
      case 'ื':
        return this.at(1) === 'อ' ? take(2, 'ue') : take(1, 'ue');
      case 'ุ':
      case 'ู':
        return take(1, 'u');
      case '็':
        return take(1, 'o');
      case 'อ':
        return take(1, 'o');
      case 'ร':
        if (this.at(1) === 'ร') return this.canBeFinal(this.i + 2) ? take(2, 'a') : take(2, 'an', false);
        break;
      case 'ว':
        if (this.canBeFinal(this.i + 1) && !this.roHan(this.i + 1)) return take(1, 'ua');
        break;
      default:
        break;
    }
    // No written vowel: closed syllables take an implicit o, open ones an implicit a. A run of bare
    // consonants that ends the word pairs up from its end, where the last pair closes (ชนกพร
    // cha-nok-phon, นคร na-khon), so an onset before an even run is open; before a consonant that
    // carries a vowel, the first pair closes (สมถวิล som-tha-win).
    let run = 0;
    while (this.bare(this.i + run)) run += 1;
    if (!this.endsSyllables(this.i + run)) return this.canBeFinal(this.i) ? ['o', true] : ['a', false];
    return this.canBeFinal(this.i) && run % 2 === 1 ? ['o', true] : ['a', false];
  }

  /**
   * In Pali and Sanskrit words a stop or sibilant closing a short written vowel, before a sonorant
   * that carries a vowel, also opens a syllable of its own with an implicit a (ทัศนา thatsana, อัศวิน
   * atsawin, ศุภมิตร supphamit, วัชรา watchara), unless the two make an onset cluster (สุปรานี
   * suprani). Called with the index just after that consonant.
   */
  private doubles(consonant: string): boolean {
    const vowel = this.chars[this.i - 2];
    const next = this.at() ?? '';
    const cluster = CLUSTER_FIRST.has(consonant) && CLUSTER_SECOND.has(next);
    return (
      SHORT_VOWELS.has(vowel ?? '') &&
      DOUBLING_FINALS.has(consonant) &&
      SONORANTS.has(next) &&
      next !== 'ง' &&
      !cluster &&
      this.followedByVowel(this.i)
    );
  }

  /** Romanises the next syllable, or returns undefined at the end. */
  next(): string | undefined {
    const ch = this.at();
    if (ch === undefined) return undefined;
    if (ch === 'ฤ' || ch === 'ฦ') {
      this.i += 1;
      this.previousClosed = false;
      return ch === 'ฤ' ? 'rue' : 'lue';
    }
    if (!isConsonant(ch) && !LEADING_VOWELS.has(ch)) {
      this.i += 1;
      if (ch === SYLLABLE_END) return '';
      const digit = DIGITS.indexOf(ch);
      return digit >= 0 ? String(digit) : FOLLOWING_VOWELS.has(ch) ? '' : ch;
    }
    // A lone ร or ธ after a closed syllable at the end of a word is a silent cluster tail (จักร).
    if (this.previousClosed && this.silentTail(this.i)) {
      this.i += 1;
      return '';
    }
    const lead = LEADING_VOWELS.has(ch) ? ch : undefined;
    if (lead) this.i += 1;
    if (!isConsonant(this.at())) return lead === undefined ? '' : this.leadingVowel(lead);
    const initial = this.onset(lead !== undefined);
    const written = lead !== undefined || FOLLOWING_VOWELS.has(this.at() ?? '');
    const [vowel, closable] = lead ? [this.leadingVowel(lead), lead !== 'ใ' && lead !== 'ไ'] : this.followingVowel();
    let final = '';
    if (closable && (written ? this.closesWrittenVowel(this.i) : this.canBeFinal(this.i))) {
      const consonant = this.at()!;
      final = CONSONANTS[consonant]![1];
      this.i += 1;
      if (this.doubles(consonant)) final += `${CONSONANTS[consonant]![0]}a`;
    } else if (lead && !closable && this.at() === 'ย' && !this.followedByVowel(this.i)) {
      this.i += 1; // ไทย: the ย after ไ is silent
    }
    this.previousClosed = final !== '';
    return initial + vowel + final;
  }
}

function romanizeWord(word: string): string {
  // NFKC splits sara am (ำ) into nikhahit + sara aa; put it back together first.
  const chars = dropSilenced([...word.replace(/\u0e4d\u0e32/gu, 'ำ').replace(SILENT_MARKS, '')]);
  const reader = new SyllableReader(chars);
  let out = '';
  for (let syllable = reader.next(); syllable !== undefined; syllable = reader.next()) out += syllable;
  return out;
}

export function transliterateThai(text: string): string {
  return text
    .split(/(\s+)/u)
    .map((part) => (/\s/u.test(part) ? part : romanizeWord(part)))
    .join('');
}
