/**
 * Alias forms of name tokens, as data: English hypocorisms (the short and pet forms of given names:
 * Ned / Edward, Artie / Arthur, Peggy / Margaret), the forms one given name takes across European
 * languages (John / Ian / Sean / Juan / Johann, William / Wilhelm / Gwilym), Russian diminutives,
 * abbreviations of Muhammad and Abdul used in Malaysia and Indonesia, and the romanisations of one
 * family name across Chinese dialects, Vietnamese and Korean (陈: Chen, Tan, Chan, Tran; 黄: Huang,
 * Wong, Ng, Hoang; 이: Lee, Yi, Ri). Two tokens are aliases when they appear in one group.
 *
 * Pet forms ending in -ie, -y, -ey or -i are written every way (Eddie, Eddy; Willie, Willy; Davey,
 * Davy): the table lists one and `diminutiveKey` folds the others onto it. Groups are not merged
 * transitively: Ted is Edward's and Theodore's, but Edward is not Theodore.
 */

export type AliasKind = 'nickname' | 'family-name variant';

/**
 * English given names with their short and pet forms, one group per name; a group may also hold the
 * name's spelling variants (Stuart / Stewart). Written for Lantern from common knowledge of English
 * naming; the first word names the group.
 */
const ENGLISH_HYPOCORISMS: readonly string[] = [
  // men
  'aaron ron ronnie', 'abraham abe abram bram', 'adolphus dolph', 'albert al bert bertie', 'alexander alex alec alick sandy sasha lex xander',
  'alfred alf alfie fred freddie', 'algernon algie algy', 'alan allan allen al', 'alphonso alfonso al', 'ambrose brose',
  'andrew andy drew', 'anthony tony antony', 'archibald archie baldie', 'arnold arnie', 'arthur art artie arty',
  'augustus gus gussie augustine austin', 'barnabas barney barnaby', 'bartholomew bart barty', 'benedict ben benny bennet',
  'benjamin ben benny benjy', 'bernard bernie barney', 'bertram bert bertie', 'bradley brad', 'charles charlie chas chuck chaz',
  'christopher chris kit kester', 'clarence clarrie', 'clement clem', 'clifford cliff', 'cornelius corny neil',
  'cuthbert cuddy bert', 'cyril cy', 'daniel dan danny', 'david dave davy davie', 'dennis denis den denny',
  'donald don donny', 'douglas doug dougie', 'duncan dunc', 'edgar ed eddie ned', 'edmund edmond ed eddie ned ted',
  'edward ed eddie ted teddy ned', 'edwin ed eddie ned', 'elias eli', 'elijah eli lije', 'ebenezer eben eb', 'emmanuel manny',
  'ernest ernie', 'eugene gene', 'ezekiel zeke', 'francis frank frankie fran', 'frederick frederic fred freddie fritz',
  'gabriel gabe', 'geoffrey jeffrey geoff jeff', 'george georgie geordie', 'gerald gerry jerry', 'gerard gerry jerry',
  'gilbert gil bert', 'gregory greg', 'harold hal harry', 'henry harry hal hank hen', 'herbert herb bert herbie',
  'horace horry', 'hubert hugh bert', 'hugh hughie huey hugo hew', 'humphrey humph', 'ignatius iggy', 'isaac ike',
  'isidore izzy', 'jacob jake jack', 'james jim jimmy jamie jem jas', 'jasper jas', 'jeremiah jerry jem', 'jeremy jerry jem',
  'jerome jerry', 'john jack johnny jon jonny jno', 'jonathan jon jonny', 'joseph joe joey jos', 'joshua josh', 'julian jules',
  'kenneth ken kenny', 'lancelot lance', 'lawrence laurence larry laurie lorry', 'leonard leo len lenny', 'leopold leo',
  'lewis louis lou louie', 'malcolm mal', 'matthew mathew matt matty mat', 'maurice morris mo', 'maximilian max',
  'michael mike mick micky mikey mitch', 'montague monty', 'moses mo moe moss', 'nathaniel nathan nat nate', 'nicholas nick nicky nico',
  'norman norm', 'oliver ollie noll', 'oswald ozzie oz', 'patrick pat paddy patsy', 'percival percy', 'peter pete',
  'philip phillip phil pip', 'ralph rafe', 'randolph randall randy', 'raymond ray', 'reginald reg reggie rex',
  'reuben rube', 'richard dick dickie rick ricky rich richie ritchie', 'robert bob bobby rob robbie robin bert rab',
  'roderick rod roddy', 'rodney rod', 'roger rodge', 'ronald ron ronnie', 'rudolph rudolf rudy', 'samuel sam sammy',
  'sebastian seb', 'sidney sydney sid', 'simon si', 'solomon sol solly', 'stanley stan', 'stephen steven steve stevie',
  'stuart stewart stu', 'terence terrence terry', 'theodore ted teddy theo', 'thomas tom tommy thom', 'timothy tim timmy',
  'tobias toby', 'valentine val', 'victor vic', 'vincent vince vinny', 'walter walt wally', 'wilfred wilfrid wilf fred',
  'william bill billy will willy liam wil', 'zachary zachariah zach zack',
  // women
  'abigail abby gail', 'adelaide addie ada', 'agnes aggie nessie', 'alexandra alex alexa sandra sandy', 'alice allie ally',
  'amelia milly', 'angela angie', 'anne ann anna annie nancy', 'antoinette toni', 'barbara babs barb',
  'beatrice beatrix bea trixie', 'bridget biddy bridie', 'caroline carol carrie', 'catherine katherine kathryn katharine catharine kate katie kathy cathy kitty kit kay kath kat',
  'charlotte lottie lotty', 'christina christine chris chrissie tina kirsty', 'cecilia cecily cissie celia', 'clara clare claire',
  'constance connie', 'cynthia cindy', 'deborah debra deb debbie', 'diana diane di', 'dorothy dot dottie dolly dora',
  'eleanor elinor ellen ellie nell nellie nora', 'elizabeth elisabeth eliza liz lizzie beth betty bess bessie betsy libby lisa elsie',
  'emily em emmy milly', 'emma em emmy', 'esther hester hetty', 'evelyn eve evie', 'florence flo florrie flossie',
  'frances fran fanny frankie', 'georgina georgie gina', 'gertrude gertie trudy', 'harriet hattie', 'helen helena ellen nell nellie lena',
  'henrietta etta hetty', 'isabel isabella isobel bella belle izzy', 'jacqueline jackie', 'jane jean janet jenny jeanie jan',
  'jennifer jen jenny jenna', 'jessica jess jessie', 'joan joanna joanne jo', 'josephine jo josie', 'judith judy jude',
  'julia julie', 'lillian lily lil', 'louisa louise lou lulu', 'lucy lucinda', 'madeline madeleine maddie',
  'margaret maggie meg peggy madge marge margie margery marjorie greta rita maisie', 'mary maria marie molly polly mamie',
  'matilda tilly tilda maud maude mattie', 'martha mattie patty', 'mildred millie', 'patricia pat patty trish tricia patsy',
  'rebecca becky becca', 'rosemary rose rosie', 'sarah sara sally sadie sal', 'sophia sophie', 'susan susanna susannah sue susie suzy suzanne',
  'theresa teresa terry tess tessa', 'victoria vicky tori', 'winifred winnie freda', 'wilhelmina mina minnie',
];

/**
 * One given name across European languages (and its Biblical forms in Arabic and Hebrew), one group
 * per name: a person named in English in one record and in Welsh, Irish, German or Polish in another.
 */
const COGNATES: readonly string[] = [
  'john ian iain sean shaun shawn jean juan johann johannes giovanni jan hans jock',
  'william wilhelm guillaume gwilym willem guglielmo',
  'james jacob jacques jaime diego giacomo jacopo yakub yaakov yakov iago seamus hamish',
  'charles carl karl carlos carlo',
  'henry heinrich henri enrique enrico hendrik',
  'peter pierre pedro pietro piotr petr pyotr',
  'paul pawel paolo pablo pavel',
  'joseph jose josef giuseppe yusuf yosef',
  'michael michel miguel michele mikhail mikael',
  'stephen stefan stephan esteban etienne stefano',
  'thomas tomas tommaso',
  'francis francesco francisco francois franz',
  'frederick friedrich federico',
  'george georg giorgio jorge',
  'louis lewis ludwig luis luigi',
  'andrew andreas andre andres andrea',
  'anthony anton antonio antoine',
  'matthew matthias matteo mateo',
  'nicholas nikolaus nicolas niccolo klaus claus',
  'alexander alessandro alejandro sandro alasdair alastair alistair',
  'david dafydd dewi',
  'edward eduard eduardo edouard',
  'patrick padraig',
  'moses moshe musa',
  'abraham ibrahim avraham',
  'solomon sulaiman suleiman shlomo',
  'daniel daniele',
  'mary maria marie maryam miriam mair',
  'catherine katarzyna katharina caterina catalina',
  'margaret margarete margarita margherita',
];

/** Russian diminutives, and the short forms of Arabic names used in Malaysia and Indonesia. */
const NICKNAMES: readonly string[] = [
  ...ENGLISH_HYPOCORISMS,
  ...COGNATES,
  'benjamin binyamin bibi', 'samantha sam sammy',
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

/**
 * The spelling of a pet form that the table lists: -ie and -ey endings fold to -y in words of five
 * letters or more (Eddie, Eddy; Davey, Davy; Jeffrey, Jeffry). Shorter words keep their ending: Joey
 * is not Joy.
 */
export function diminutiveKey(token: string): string {
  return token.length >= 5 && /(?:ie|ey)$/u.test(token) ? `${token.slice(0, -2)}y` : token;
}

function index(groups: readonly string[]): ReadonlyMap<string, ReadonlySet<number>> {
  const map = new Map<string, Set<number>>();
  groups.forEach((group, id) => {
    for (const token of group.split(' ')) map.set(diminutiveKey(token), (map.get(diminutiveKey(token)) ?? new Set()).add(id));
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
    const left = map.get(diminutiveKey(a));
    const right = map.get(diminutiveKey(b));
    if (left && right && [...left].some((id) => right.has(id))) return kind;
  }
  return undefined;
}
