/**
 * The lead rules, pure: from the evidence around some entities (read by ./evidence.ts) to networks,
 * each with its subjects, score and reasons in words. No I/O and no clock, so that a lead can always be
 * recomputed from the stored evidence and the rules can be tested on their own.
 */

import { UnionFind } from '../../matching/cluster/unionFind';
import { type PreparedName, type PreparedRecord, prepareRecord } from '../../matching/prepare';
import { COMMON_TOKEN_SHARE, tokenShare } from '../../matching/score/frequencies';
import type { MatchRecord, TermFrequencies } from '../../matching/types';
import type { LinkTypeName, SubjectSchemaName } from '../../src/domain/ftm';
import {
  IDENTIFIER_WORDS,
  type LeadRules,
  type NetworkEvaluation,
  type SubjectEvaluation,
  TYING_IDENTIFIER_KINDS,
  type TyingIdentifierKind,
} from '../../src/domain/leads';
import { type EvaluatedNetwork, typologiesOf } from '../../src/domain/typologies';

export interface EvidenceMention {
  id: string;
  entityId: string;
  reportId: string;
  /** The report's case-reference hash: reports of one case count once. Never shown or exported. */
  caseKey: string;
  org: string;
  /** The report's country: how many countries an account is reported from, never which report. */
  country: string | null;
  schema: SubjectSchemaName;
  role: string | null;
  reportedAt: string | null;
  names: string[];
  record: MatchRecord;
}

export interface EvidenceIdentifier {
  key: string;
  kind: string;
  value: string;
  /**
   * Says nothing about identity: held by so many records (a hotline), or learned generic by the
   * resolver, its holders' names conflicting in three or more groups (a household's landline).
   */
  generic: boolean;
  mentionIds: string[];
}

export interface NeighbourhoodEvidence {
  entities: Array<{ id: string; schema: SubjectSchemaName }>;
  mentions: EvidenceMention[];
  identifiers: EvidenceIdentifier[];
  /** Links between mentions of one entity that rest on something other than a shared identifier. */
  ties: Array<{ a: string; b: string; by: 'judgement' | 'score' }>;
  /** Mention pairs an analyst judged different, splits included: nothing ties them. */
  different: Array<{ a: string; b: string }>;
  relations: Array<{ type: LinkTypeName; from: string; to: string }>;
}

/** Strongest first: what a bank can screen on with the least doubt. */
const IDENTIFIER_STRENGTH: readonly string[] = [
  'iban',
  'account',
  'registration',
  'idNumber',
  'phone',
  'email',
  'username',
];

const describeIdentifier = (i: { kind: string; value: string }) => `${IDENTIFIER_WORDS[i.kind] ?? i.kind} ${i.value}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort(byText);
const round = (n: number) => Math.round(n * 100) / 100;
const isTyingKind = (kind: string): kind is TyingIdentifierKind => TYING_IDENTIFIER_KINDS.some((k) => k === kind);
const tyingWeight = (weights: LeadRules['weights'], kind: string) =>
  isTyingKind(kind) ? weights.tyingIdentifier[kind] : 0;

/** Union-find over string keys. */
class Groups {
  private readonly index = new Map<string, number>();
  private readonly sets = new UnionFind();

  private at(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.sets.add();
      this.index.set(key, i);
    }
    return i;
  }

  union(a: string, b: string): void {
    this.sets.union(this.at(a), this.at(b));
  }

  groups(keys: Iterable<string>): string[][] {
    const out = new Map<number, string[]>();
    for (const key of sortedUnique(keys)) {
      const root = this.sets.find(this.at(key));
      out.set(root, [...(out.get(root) ?? []), key]);
    }
    return [...out.values()];
  }
}

/** A name is common when every token is: the matcher's own measure (COMMON_TOKEN_SHARE). */
function isCommonName(name: PreparedName, tf?: TermFrequencies): boolean {
  return name.tokens.every((t) => tokenShare(t.text, t.prior, tf) >= COMMON_TOKEN_SHARE);
}

/** Whether a name can be screened on its own: enough tokens, and not all of them common. */
function isScreenableName(name: PreparedName, minTokens: number, tf?: TermFrequencies): boolean {
  return name.tokens.length >= minTokens && !isCommonName(name, tf);
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Splits the evidence into networks and evaluates each. Entities are one network when a reported
 * relation of a counted type joins them, or when they share a specific strong identifier that no
 * analyst has ruled out.
 */
export function evaluateNetworks(
  evidence: NeighbourhoodEvidence,
  rules: LeadRules,
  tf?: TermFrequencies,
): NetworkEvaluation[] {
  const mentionById = new Map(evidence.mentions.map((m) => [m.id, m]));
  const different = new Set(evidence.different.map((d) => pairKey(d.a, d.b)));
  const prepared = new Map<string, PreparedRecord>(evidence.mentions.map((m) => [m.id, prepareRecord(m.record)]));
  const usable = evidence.identifiers.filter((i) => !i.generic && i.mentionIds.every((id) => mentionById.has(id)));

  const network = new Groups();
  for (const e of evidence.entities) network.union(e.id, e.id);
  const counted = new Set<string>(rules.networkLinkTypes);
  const known = new Set(evidence.entities.map((e) => e.id));
  for (const r of evidence.relations)
    if (counted.has(r.type) && known.has(r.from) && known.has(r.to)) network.union(r.from, r.to);
  for (const i of usable) {
    forEachPair(i.mentionIds, (a, b) => {
      const [ma, mb] = [mentionById.get(a)!, mentionById.get(b)!];
      if (ma.entityId !== mb.entityId && !different.has(pairKey(a, b))) network.union(ma.entityId, mb.entityId);
    });
  }

  return network
    .groups(evidence.entities.map((e) => e.id))
    .map((entityIds) =>
      evaluateNetwork(new Set(entityIds), { evidence, rules, tf, mentionById, different, prepared, usable }),
    );
}

interface Context {
  evidence: NeighbourhoodEvidence;
  rules: LeadRules;
  tf: TermFrequencies | undefined;
  mentionById: Map<string, EvidenceMention>;
  different: Set<string>;
  prepared: Map<string, PreparedRecord>;
  usable: EvidenceIdentifier[];
}

function forEachPair(ids: readonly string[], visit: (a: string, b: string) => void): void {
  for (let i = 0; i < ids.length; i += 1) for (let j = i + 1; j < ids.length; j += 1) visit(ids[i]!, ids[j]!);
}

/** Both mentions carry only common names and no shared birth date: nothing but a common name ties them. */
function commonNameOnly(a: PreparedRecord, b: PreparedRecord, tf: TermFrequencies | undefined): boolean {
  const onlyCommon = (p: PreparedRecord) => p.names.every((n) => isCommonName(n, tf));
  if (!onlyCommon(a) || !onlyCommon(b)) return false;
  const dates = new Set(a.birthDates.map((d) => d.text));
  return !b.birthDates.some((d) => dates.has(d.text));
}

function evaluateNetwork(entityIds: Set<string>, ctx: Context): NetworkEvaluation {
  const network = weighNetwork(entityIds, ctx);
  return { ...network, typologies: typologiesOf(network) };
}

function weighNetwork(entityIds: Set<string>, ctx: Context): EvaluatedNetwork {
  const { evidence, rules, tf, mentionById, different, prepared } = ctx;
  const weights = rules.weights;
  const mentions = evidence.mentions.filter((m) => entityIds.has(m.entityId));
  const inNetwork = (id: string) => entityIds.has(mentionById.get(id)?.entityId ?? '');

  // Reports are tied by what identifies a subject across them: a shared identifier, an analyst's
  // `same`, or a distinctive name. A common name alone ties nothing.
  const reports = new Groups();
  for (const m of mentions) reports.union(m.caseKey, m.caseKey);
  const tying: Array<{ identifier: EvidenceIdentifier; caseKeys: Set<string> }> = [];
  for (const identifier of ctx.usable) {
    const holders = identifier.mentionIds.filter(inNetwork);
    const caseKeys = new Set<string>();
    forEachPair(holders, (a, b) => {
      const [ma, mb] = [mentionById.get(a)!, mentionById.get(b)!];
      if (ma.caseKey === mb.caseKey || different.has(pairKey(a, b))) return;
      reports.union(ma.caseKey, mb.caseKey);
      caseKeys.add(ma.caseKey).add(mb.caseKey);
    });
    if (caseKeys.size > 0) tying.push({ identifier, caseKeys });
  }
  let analystTies = 0;
  let nameTies = 0;
  let commonNameTies = 0;
  for (const tie of evidence.ties) {
    if (!inNetwork(tie.a) || !inNetwork(tie.b) || different.has(pairKey(tie.a, tie.b))) continue;
    const [ma, mb] = [mentionById.get(tie.a)!, mentionById.get(tie.b)!];
    if (ma.caseKey === mb.caseKey) continue;
    if (tie.by === 'judgement') analystTies += 1;
    else if (commonNameOnly(prepared.get(ma.id)!, prepared.get(mb.id)!, tf)) {
      commonNameTies += 1;
      continue;
    } else nameTies += 1;
    reports.union(ma.caseKey, mb.caseKey);
  }
  const corroborating = new Set(
    reports
      .groups(mentions.map((m) => m.caseKey))
      .filter((g) => g.length >= 2)
      .flat(),
  );

  // Subjects: entities named in a corroborating report that a bank can screen without namesakes.
  const supported = mentions.filter((m) => corroborating.has(m.caseKey));
  const strongHeld = new Map<string, EvidenceIdentifier[]>();
  for (const identifier of ctx.usable) {
    for (const id of identifier.mentionIds) {
      const m = mentionById.get(id)!;
      if (!entityIds.has(m.entityId)) continue;
      const held = strongHeld.get(m.entityId) ?? [];
      if (!held.includes(identifier)) strongHeld.set(m.entityId, [...held, identifier]);
    }
  }
  const supportedEntities = sortedUnique(supported.map((m) => m.entityId));
  const screenable = (entityId: string) =>
    (strongHeld.get(entityId)?.length ?? 0) > 0 ||
    mentions.some(
      (m) =>
        m.entityId === entityId &&
        prepared.get(m.id)!.names.some((n) => isScreenableName(n, rules.minNameTokensForNameOnlySubject, tf)),
    );
  const listed = supportedEntities.filter(screenable);
  const subjects = listed.map((entityId) =>
    describeSubject(
      entityId,
      mentions.filter((m) => m.entityId === entityId),
      strongHeld.get(entityId) ?? [],
      ctx,
    ),
  );
  const listedSet = new Set(listed);

  const subjectMentions = supported.filter((m) => listedSet.has(m.entityId));
  const organisations = sortedUnique(supported.map((m) => m.org));
  const perpetrator = (r: string | null): r is string => r !== null && rules.perpetratorRoles.some((p) => p === r);
  const roles = sortedUnique(subjectMentions.map((m) => m.role).filter(perpetrator));
  const dates = subjectMentions
    .map((m) => m.reportedAt)
    .filter((d): d is string => d !== null)
    .sort(byText);
  const tyingCounted = tying
    .map((t) => ({ identifier: t.identifier, reports: [...t.caseKeys].filter((k) => corroborating.has(k)).length }))
    .filter((t) => t.reports >= 2)
    .sort(
      (a, b) =>
        IDENTIFIER_STRENGTH.indexOf(a.identifier.kind) - IDENTIFIER_STRENGTH.indexOf(b.identifier.kind) ||
        byText(a.identifier.key, b.identifier.key),
    );
  const tyingKeys = new Set(tyingCounted.map((t) => t.identifier.key));
  const countsHeld = (i: { key: string; kind: string }) =>
    !tyingKeys.has(i.key) && weights.heldIdentifierKinds.some((k) => k === i.kind);
  const held = sortedUnique(listed.flatMap((e) => (strongHeld.get(e) ?? []).filter(countsHeld).map((i) => i.key))).map(
    (key) => ctx.usable.find((i) => i.key === key)!,
  );

  const points = [
    {
      what: 'independent reports',
      points: Math.min(weights.maxReportPoints, weights.perExtraReport * Math.max(0, corroborating.size - 1)),
    },
    {
      what: 'organisations',
      points: Math.min(
        weights.maxOrganisationPoints,
        weights.perExtraOrganisation * Math.max(0, organisations.length - 1),
      ),
    },
    {
      what: 'identifiers shared across reports',
      points: Math.min(
        weights.maxTyingIdentifierPoints,
        tyingCounted.reduce((sum, t) => sum + tyingWeight(weights, t.identifier.kind), 0),
      ),
    },
    { what: 'analyst confirmation', points: analystTies > 0 ? weights.analystConfirmed : 0 },
    { what: 'perpetrator roles', points: roles.length > 0 ? weights.perpetratorRole : 0 },
    {
      what: 'identifiers held',
      points: Math.min(weights.maxHeldIdentifierPoints, weights.heldIdentifier * held.length),
    },
  ].map((p) => ({ ...p, points: round(p.points) }));
  const score = round(points.reduce((sum, p) => sum + p.points, 0));

  const shortfalls: string[] = [];
  if (corroborating.size < rules.minIndependentReports) {
    shortfalls.push(
      corroborating.size === 0
        ? 'no two independent reports are tied together' +
            `${commonNameTies > 0 ? ' (a common name alone ties nothing)' : ''}`
        : `only ${plural(corroborating.size, 'independent report')} tied together; ` +
            `${rules.minIndependentReports} are needed`,
    );
  }
  if (listed.length === 0 && corroborating.size > 0)
    shortfalls.push('no entity that a bank could screen without namesakes');
  if (score < rules.minScore) shortfalls.push(`score ${score} is below the minimum of ${rules.minScore}`);

  const unlisted = supportedEntities.length - listed.length;
  const reasons = [
    `${plural(corroborating.size, 'independent report')} (different case references) tied together, ` +
      `from ${plural(organisations.length, 'organisation')}`,
    ...(tyingCounted.length > 0
      ? [
          'shared across reports: ' +
            `${tyingCounted.map((t) => `${describeIdentifier(t.identifier)} (${t.reports} reports)`).join(', ')}`,
        ]
      : []),
    ...(analystTies > 0
      ? [`an analyst confirmed that ${plural(analystTies, 'pair')} of mentions in different reports are the same`]
      : []),
    ...(nameTies > 0
      ? [`${plural(nameTies, 'pair')} of mentions in different reports tied by a distinctive name`]
      : []),
    ...(roles.length > 0 ? [`perpetrator roles reported: ${roles.join(', ')}`] : []),
    ...(held.length > 0 ? [`strong identifiers held: ${held.map(describeIdentifier).join(', ')}`] : []),
    ...(dates.length > 0 ? [`first seen ${dates[0]}, last seen ${dates[dates.length - 1]}`] : []),
    ...(unlisted > 0
      ? [`${plural(unlisted, 'linked entity', 'linked entities')} known only by a common or one-word name not listed`]
      : []),
    ...(commonNameTies > 0
      ? [`not counted: ${plural(commonNameTies, 'tie')} between reports resting only on a common name`]
      : []),
    `score ${score} (minimum ${rules.minScore}): ${
      points
        .filter((p) => p.points > 0)
        .map((p) => `${p.what} +${p.points}`)
        .join(', ') || 'nothing'
    }`,
  ];

  return {
    entityIds: [...entityIds].sort(byText),
    subjects,
    links: evidence.relations
      .filter((r) => listedSet.has(r.from) && listedSet.has(r.to))
      .sort((a, b) => byText(`${a.from}|${a.to}|${a.type}`, `${b.from}|${b.to}|${b.type}`)),
    qualifies: shortfalls.length === 0,
    score,
    reasons,
    shortfalls,
    evidence: {
      independentReports: corroborating.size,
      organisations: organisations.length,
      reportIds: sortedUnique(supported.map((m) => m.reportId)),
      tyingIdentifiers: tyingCounted.map((t) => ({
        kind: t.identifier.kind,
        value: t.identifier.value,
        reports: t.reports,
      })),
      heldIdentifiers: held.map((i) => ({ kind: i.kind, value: i.value })),
      analystConfirmedTies: analystTies,
      nameTies,
      commonNameTiesIgnored: commonNameTies,
      roles,
      firstSeen: dates[0] ?? null,
      lastSeen: dates[dates.length - 1] ?? null,
      unlistedEntities: unlisted,
    },
    points,
  };
}

/** The schema most of an entity's mentions give (the stored one breaks ties). */
function majoritySchema(mentions: EvidenceMention[], stored: SubjectSchemaName | undefined): SubjectSchemaName {
  const counts = new Map<SubjectSchemaName, number>();
  for (const m of mentions) counts.set(m.schema, (counts.get(m.schema) ?? 0) + 1);
  return (
    [...counts].sort(
      (a, b) => b[1] - a[1] || Number(b[0] === stored) - Number(a[0] === stored) || byText(a[0], b[0]),
    )[0]?.[0] ??
    stored ??
    'Person'
  );
}

function describeSubject(
  entityId: string,
  mentions: EvidenceMention[],
  identifiers: EvidenceIdentifier[],
  ctx: Context,
): SubjectEvaluation {
  const dates = mentions
    .map((m) => m.reportedAt)
    .filter((d): d is string => d !== null)
    .sort(byText);
  const kinds = identifiers
    .map((i) => i.kind)
    .sort((a, b) => IDENTIFIER_STRENGTH.indexOf(a) - IDENTIFIER_STRENGTH.indexOf(b));
  return {
    entityId,
    schema: majoritySchema(mentions, ctx.evidence.entities.find((e) => e.id === entityId)?.schema),
    names: sortedUnique(mentions.flatMap((m) => m.names)),
    mentionIds: mentions.map((m) => m.id).sort(byText),
    independentReports: new Set(mentions.map((m) => m.caseKey)).size,
    organisations: new Set(mentions.map((m) => m.org)).size,
    roles: sortedUnique(mentions.map((m) => m.role).filter((r): r is string => r !== null)),
    identifiers: identifiers
      .map((i) => ({ kind: i.kind, value: i.value }))
      .sort((a, b) => byText(`${a.kind}:${a.value}`, `${b.kind}:${b.value}`)),
    strongestIdentifier: kinds.find((k) => IDENTIFIER_STRENGTH.includes(k)) ?? null,
    firstSeen: dates[0] ?? null,
    lastSeen: dates[dates.length - 1] ?? null,
    reportCountries: sortedUnique(mentions.map((m) => m.country).filter((c): c is string => c !== null)),
    providers: sortedUnique(
      mentions.flatMap((m) => [...(m.record.properties.service ?? []), ...(m.record.properties.bankName ?? [])]),
    ),
  };
}
