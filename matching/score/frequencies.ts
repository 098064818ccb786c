/**
 * How common a name token is. The graph supplies counts from the caseload (TermFrequencies); these
 * built-in priors cover tokens known to be very common in the region and beyond, so that a common name
 * weighs little even before the graph has seen it. Shares are approximate: the share of names, in a
 * caseload mixing the region's nationalities, that contain the token.
 */
import type { TermFrequencies } from '../types';

/**
 * Words that say what kind of establishment an organisation is (a centre, a school, a clinic), not
 * which one it is nor what it trades in. Writers of one organisation's name add, drop and swap them
 * ("Child Care Center", "Center", "Early Childhood Center"); a different line of business (trading /
 * travel, oil / gas) is not among them and still tells two companies of a group apart.
 */
export const ESTABLISHMENT_WORDS: readonly string[] = [
  'center',
  'centre',
  'school',
  'house',
  'family',
  'child',
  'children',
  'care',
  'community',
  'association',
  'society',
  'foundation',
  'institute',
  'church',
  'college',
  'university',
  'academy',
  'hospital',
  'clinic',
  'office',
  'branch',
  'shop',
  'store',
  'restaurant',
  'early',
  'development',
  'learning',
  'day',
  'home',
  'nursery',
  'kindergarten',
  'preschool',
  'program',
  'programme',
  'project',
  'youth',
  'social',
  'health',
  'medical',
  'education',
  'training',
  'club',
  'childhood',
  'start',
  'head',
  'cdc',
  'ctr',
  'lab',
  'laboratory',
];

const PRIORS: ReadonlyArray<readonly [number, string]> = [
  // Vietnamese: Nguyễn is carried by ~40% of Vietnamese, Văn and Thị are the commonest middle names
  [0.15, 'nguyen van thi'],
  [0.05, 'tran le pham'],
  [0.03, 'hoang huynh phan vu vo dang bui do ho ngo duong ly minh duc huu ngoc quang thanh xuan hong anh'],
  [
    0.015,
    'nam hung dung linh huong lan mai hoa tuan long hai son thu trang phuong ha hieu khanh ' +
      'quan thao thuy trung binh cuong hanh tam',
  ],
  // Chinese (pinyin and dialect forms), Malaysian and Singaporean Chinese, Korean
  [0.05, 'tan lim lee wong chen li wang zhang liu kim'],
  [0.03, 'chan ng ong goh teo yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo wei'],
  [
    0.02,
    'chong leong tay koh chua ho lau yeo low lam cheng ang toh yap seah kang park choi jung cho yoon jang lim han',
  ],
  [0.015, 'ah kok kah kim hock seng meng chee hui ling mei yan ying jun jie hao ming hong hua jian jing li xiao yu'],
  // Khmer, Thai, Lao, Burmese
  [0.04, 'sok chan heng'],
  [0.02, 'sophea sokha dara srey chea vanna kim meas prak keo som'],
  [0.02, 'aung kyaw win thein myint soe htun tun maung naing zaw min khin hla thu myo'],
  [0.01, 'somchai somsak somporn sombat prasert surachai wichai chai boonmee srisuk suk'],
  // Malay, Indonesian, Filipino, South Asian and Arabic names common in the region
  [0.08, 'muhammad mohammad mohammed mohamed mohd md'],
  [0.04, 'abdul siti nur noor binti bin ahmad ahmed ali'],
  [0.02, 'abdullah rahman hassan hussein ibrahim ismail omar umar aziz hamid rahim karim haji abu mustafa hasan khan'],
  [0.015, 'putri sri dewi agus budi wati santoso rahayu kumar singh santos reyes cruz garcia bautista maria jose juan'],
  // English and global
  [0.03, 'john james smith david michael'],
  [0.015, 'william robert mary peter paul mark jones brown williams johnson thomas george richard joseph daniel'],
  // Words common in company names of the region
  [0.05, 'trading group international holdings holding services service'],
  [0.03, 'global asia enterprise enterprises development investment construction company general industries industry'],
  [
    0.02,
    'golden star dragon lucky royal diamond new united national thai siam viet vietnam cambodia myanmar ' +
      'malaysia indonesia pacific asian capital manpower recruitment employment agency travel tour tours ' +
      'import export logistics transport',
  ],
  [0.02, 'bank trust finance financial partners management solutions systems technology security resources energy'],
  // Words that describe what kind of establishment an organisation is (ESTABLISHMENT_WORDS)
  [0.02, ESTABLISHMENT_WORDS.slice(0, 24).join(' ')],
  [0.01, ESTABLISHMENT_WORDS.slice(24).join(' ')],
];

const PRIOR_SHARE: ReadonlyMap<string, number> = new Map(
  PRIORS.flatMap(([share, tokens]) => tokens.split(' ').map((token) => [token, share] as const)).reverse(),
);

/**
 * Share assumed for a token nobody has counted: short tokens carry less information than long ones
 * (an initial matches one name in twenty-five; a three-letter syllable is shared by many).
 */
function defaultShare(token: string): number {
  if (token.length <= 1) return 0.04;
  if (token.length === 2) return 0.01;
  if (token.length === 3) return 0.004;
  if (token.length === 4) return 0.0015;
  return 0.0005;
}

export function priorShare(token: string): number {
  return PRIOR_SHARE.get(token) ?? defaultShare(token);
}

/** The share the priors' table states for a token, if it lists it. */
export const listedShare = (token: string): number | undefined => PRIOR_SHARE.get(token);

/**
 * The priors count as much as this many names: a caseload of a few thousand names moves a share
 * only part of the way from its prior, one of a million names decides it.
 */
export const PRIOR_WEIGHT_IN_NAMES = 10_000;

/**
 * The share used for scoring. A supplied share counted over `nameCount` names is blended with the
 * prior in proportion to the evidence behind each; without a count, the supplied share can only make
 * a token more common than its prior (small caseloads overstate how common a person's own name is).
 */
export function tokenShare(token: string, prior: number, tf?: TermFrequencies): number {
  const counted = tf?.tokenShare(token);
  if (counted === undefined) return prior;
  const names = tf?.nameCount;
  if (names === undefined || names <= 0) return Math.max(counted, prior);
  return (counted * names + prior * PRIOR_WEIGHT_IN_NAMES) / (names + PRIOR_WEIGHT_IN_NAMES);
}

/** Probability that a token of a true match is written the same on both records. */
const AGREEMENT_GIVEN_MATCH = 0.95;

/** Information (natural log likelihood ratio) of two names agreeing on a token of this share. */
export function tokenInformation(share: number): number {
  return Math.log(AGREEMENT_GIVEN_MATCH / Math.min(Math.max(share, 1e-6), AGREEMENT_GIVEN_MATCH));
}

/** A token at or above this share is common: agreement on it alone must not link records. */
export const COMMON_TOKEN_SHARE = 0.002;

const ESTABLISHMENT = new Set(ESTABLISHMENT_WORDS);

/**
 * A word that only says what kind of establishment an organisation is: listed among the
 * establishment words, or counted common among the organisations' names of this caseload (counted,
 * never guessed from its length).
 */
export function establishmentWord(token: string, tf?: TermFrequencies): boolean {
  if (ESTABLISHMENT.has(token)) return true;
  return tf?.tokenShare(token) !== undefined && tokenShare(token, priorShare(token), tf) >= COMMON_TOKEN_SHARE;
}
