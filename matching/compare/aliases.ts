/**
 * Alias forms of name tokens, as data: English and Russian nicknames, abbreviations of Muhammad and
 * Abdul used in Malaysia and Indonesia, and the romanisations of one family name across Chinese
 * dialects, Vietnamese and Korean (陈: Chen, Tan, Chan, Tran; 黄: Huang, Wong, Ng, Hoang; 이: Lee, Yi,
 * Ri). Two tokens are aliases when they appear in one group.
 */

export type AliasKind = 'nickname' | 'family-name variant';

const NICKNAMES: readonly string[] = [
  'william bill billy will willy liam', 'robert bob bobby rob robbie bert', 'richard dick rick ricky rich',
  'james jim jimmy jamie', 'john jack johnny jon', 'thomas tom tommy', 'theodore ted teddy theo',
  'edward ed eddie ted ned', 'anthony tony antony', 'michael mike mick mikey', 'margaret peggy maggie meg',
  'elizabeth liz lizzie beth betty eliza libby', 'katherine catherine kathryn kate kathy cathy katie kat',
  'christopher chris kit', 'alexander alex alec sandy sasha', 'alexandra alex sandra sasha',
  'benjamin ben benny bibi binyamin', 'joseph joe joey', 'daniel dan danny', 'david dave davy',
  'stephen steven steve', 'nicholas nick nicky', 'patrick pat paddy', 'peter pete', 'samuel sam sammy',
  'samantha sam', 'jennifer jen jenny', 'susan sue susie', 'deborah deb debbie', 'andrew andy drew',
  'matthew matt', 'jonathan jon jonny', 'timothy tim', 'kenneth ken kenny', 'gerald gerry jerry',
  'lawrence laurence larry', 'henry harry hank', 'charles charlie chuck', 'francis frank',
  'frederick fred freddie', 'albert al bert', 'ronald ron ronnie', 'donald don donnie', 'douglas doug',
  'gregory greg', 'jeffrey geoffrey jeff', 'raymond ray', 'victoria vicky tori', 'rebecca becky',
  'abigail abby', 'dorothy dot dottie', 'mary molly polly', 'anne ann anna annie nan nancy',
  'philip phillip phil', 'leonard leo len lenny', 'vincent vince vinny', 'isabel isabella bella izzy',
  'aleksandr sasha sanya shura', 'vladimir volodya vova', 'volodymyr volodya', 'dmitry dmitri dima mitya',
  'mikhail misha', 'sergey sergei seryozha', 'nikolai nikolay kolya', 'ivan vanya', 'yevgeny evgeny zhenya',
  'aleksey alexei alyosha lyosha', 'pavel pasha', 'konstantin kostya', 'anastasia nastya',
  'yekaterina ekaterina katya', 'maria masha', 'natalia natalya natasha', 'tatiana tatyana tanya',
  'olga olya', 'svetlana sveta', 'yelena elena lena',
  'muhammad mohammad mohammed mohamad mohamed muhamad muhammed mohd muhd md mamat',
  'abdul abd abdel abdal', 'nur noor nor', 'ahmad ahmed achmad', 'abdullah abdallah', 'hussein husain hussain husayn',
];

const FAMILY_NAME_VARIANTS: readonly string[] = [
  'chen tan chan chin tran', 'lin lim lam lum', 'huang wong ng ooi oei uy hoang huynh', 'li lee ly lie',
  'wang ong heng vuong wong', 'zhang cheung chong teo teoh tio chang truong tiong', 'liu lau low lew luu',
  'wu ng goh ngo woo', 'zhou chow chew chau chou', 'guo kwok kuek quek quach kok kuo',
  'xu hsu tsui koh khor hui', 'yang yeo yeoh yong young ieong duong yeung', 'he ho hoh',
  'luo lo law lor loh', 'zheng cheng tay teh tee trinh', 'xie tse chia seah sia', 'cai choi chua tsai choy',
  'deng tang teng dang', 'ye yip yap yeh diep', 'su soh saw soo', 'pan poon phua phan pua', 'zhu chu choo',
  'hu woo foo hoo', 'cao tso tsao', 'song soong sung', 'gao koh kao', 'sun soon suen', 'ma mah',
  'lee yi ri rhee', 'park pak bak', 'choi choe', 'jung jeong chung', 'kim gim', 'kang gang', 'cho jo',
  'yoon yun', 'jang chang', 'lim im rim', 'shin sin', 'kwon gwon', 'oh o', 'seo suh', 'ryu yu yoo',
  'jeon jun chun chon', 'ko go', 'moon mun',
];

function index(groups: readonly string[]): ReadonlyMap<string, ReadonlySet<number>> {
  const map = new Map<string, Set<number>>();
  groups.forEach((group, id) => {
    for (const token of group.split(' ')) map.set(token, (map.get(token) ?? new Set()).add(id));
  });
  return map;
}

const BY_KIND: ReadonlyArray<readonly [AliasKind, ReadonlyMap<string, ReadonlySet<number>>]> = [
  ['nickname', index(NICKNAMES)],
  ['family-name variant', index(FAMILY_NAME_VARIANTS)],
];

/** The kind of alias relation between two different tokens, if any. */
export function aliasKind(a: string, b: string): AliasKind | undefined {
  for (const [kind, map] of BY_KIND) {
    const left = map.get(a);
    const right = map.get(b);
    if (left && right && [...left].some((id) => right.has(id))) return kind;
  }
  return undefined;
}
