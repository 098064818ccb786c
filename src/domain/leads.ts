import { z } from 'zod';
import { Pagination } from './api';
import { OrgSlug } from './auth';
import { FtmEntity, LinkType, ROLES, Role, SubjectSchema } from './ftm';
import { Outcome } from './outcomes';
import { SAR_GUIDANCE, SAR_KEY_TERM, TypologyMatch } from './typologies';

/**
 * Lead rules as data: what corroborates a network and how much each kind of evidence weighs. The
 * defaults below are the policy documented in docs/leads.md; an operator may tighten them, and the
 * schema refuses settings that would break the invariants (a single report can never be enough).
 */

/** Identifier kinds that can tie two reports together (a BIC names a bank, not a customer). */
export const TYING_IDENTIFIER_KINDS = [
  'account',
  'iban',
  'registration',
  'phone',
  'idNumber',
  'email',
  'username',
] as const;
export type TyingIdentifierKind = (typeof TYING_IDENTIFIER_KINDS)[number];

/** Identifier kinds in the words of reasons and of leads.csv. */
export const IDENTIFIER_WORDS: Readonly<Record<string, string>> = {
  account: 'bank account',
  iban: 'IBAN',
  registration: 'registration number',
  idNumber: 'ID number',
  phone: 'phone',
  email: 'e-mail',
  username: 'username',
};

/**
 * Roles that describe what a perpetrator did. `TravellingPartner` and `Other` say nothing about
 * involvement, so they earn no weight.
 */
export const PERPETRATOR_ROLES = ROLES.filter((r) => r !== 'TravellingPartner' && r !== 'Other');

const Points = z.number().min(0).max(100);

export const LeadRules = z
  .object({
    /** Independent reports (different case references) that must be tied together; never below two. */
    minIndependentReports: z.number().int().min(2).default(2),
    /** Points a corroborated network needs to become a lead. */
    minScore: Points.default(3),
    /**
     * Reported relations that make entities one network. Associate is left out by default: a
     * suspect's family and friends are not evidence of involvement, and listing them puts innocent
     * people's accounts at risk.
     */
    networkLinkTypes: z.array(LinkType).min(1).default(['Ownership', 'Directorship', 'Employment', 'UnknownLink']),
    perpetratorRoles: z.array(Role).default([...PERPETRATOR_ROLES]),
    weights: z
      .object({
        perExtraReport: Points.default(1),
        maxReportPoints: Points.default(4),
        perExtraOrganisation: Points.default(1),
        maxOrganisationPoints: Points.default(3),
        /** Each distinct identifier that ties two or more independent reports, by kind. */
        tyingIdentifier: z
          .object({
            account: Points.default(2),
            iban: Points.default(2),
            registration: Points.default(1.5),
            phone: Points.default(1.5),
            idNumber: Points.default(1.5),
            email: Points.default(1),
            username: Points.default(1),
          })
          .strict()
          .prefault({}),
        maxTyingIdentifierPoints: Points.default(3),
        /** Each strong identifier of these kinds that the network holds without it tying reports. */
        heldIdentifier: Points.default(0.25),
        heldIdentifierKinds: z
          .array(z.enum(TYING_IDENTIFIER_KINDS))
          .default(['account', 'iban', 'registration', 'phone']),
        maxHeldIdentifierPoints: Points.default(1),
        /** An analyst's `same` judgement that ties two reports. */
        analystConfirmed: Points.default(1.5),
        perpetratorRole: Points.default(0.5),
      })
      .strict()
      .prefault({}),
    /**
     * A subject with no strong identifier is listed only when its name can be screened without
     * flooding a bank with namesakes: at least this many name tokens, not all of them common.
     */
    minNameTokensForNameOnlySubject: z.number().int().min(1).default(2),
    /** A network is evaluated whole or not at all; beyond this size it is left to analysts. */
    maxNetworkEntities: z.number().int().min(10).max(5000).default(500),
  })
  .strict();
export type LeadRules = z.infer<typeof LeadRules>;

export const DEFAULT_LEAD_RULES: LeadRules = LeadRules.parse({});

export const LEAD_STATUSES = ['new', 'in_review', 'approved', 'exported', 'retracted', 'expired', 'rejected'] as const;
export const LeadStatus = z.enum(LEAD_STATUSES);
export type LeadStatus = z.infer<typeof LeadStatus>;

const SubjectNames = z.object({ entityId: z.string(), schema: SubjectSchema, names: z.array(z.string()) });
const SubjectDisplayName = z.string().describe("the subject's display name: show this rather than its id");

export const LeadSubject = SubjectNames.extend({ displayName: SubjectDisplayName });
export type LeadSubject = z.infer<typeof LeadSubject>;

const Day = z.string().nullable();

/** A subject as the rules saw it: what a bank would screen, and how well the evidence supports it. */
export const SubjectEvaluation = SubjectNames.extend({
  /** The records the subject is made of: what an approval covers. */
  mentionIds: z.array(z.string()),
  independentReports: z.number().int(),
  organisations: z.number().int(),
  roles: z.array(z.string()),
  identifiers: z.array(z.object({ kind: z.string(), value: z.string() })),
  strongestIdentifier: z.string().nullable(),
  firstSeen: Day,
  lastSeen: Day,
  // Both default to empty for evaluations stored before they were read: those fill in at the next evaluation.
  reportCountries: z
    .array(z.string())
    .default([])
    .describe('the countries of the reports that name it (ISO 3166-1 alpha-2), never which reports'),
  providers: z
    .array(z.string())
    .default([])
    .describe('the services of its handles (UserAccount) and the banks of its accounts (BankAccount), as reported'),
});
export type SubjectEvaluation = z.infer<typeof SubjectEvaluation>;

export const LeadLink = z.object({ type: LinkType, from: z.string(), to: z.string() });
export type LeadLink = z.infer<typeof LeadLink>;

/** What the rules weighed, for analysts: report ids and counts, never notes or case references. */
export const LeadEvidence = z.object({
  independentReports: z.number().int(),
  organisations: z.number().int(),
  reportIds: z.array(z.string()),
  tyingIdentifiers: z.array(z.object({ kind: z.string(), value: z.string(), reports: z.number().int() })),
  heldIdentifiers: z.array(z.object({ kind: z.string(), value: z.string() })),
  analystConfirmedTies: z.number().int(),
  nameTies: z.number().int(),
  commonNameTiesIgnored: z.number().int(),
  roles: z.array(z.string()),
  firstSeen: Day,
  lastSeen: Day,
  unlistedEntities: z.number().int(),
});

/** One network as the rules evaluate it; stored with its lead so that the lead explains itself. */
export const NetworkEvaluation = z.object({
  /** Every entity of the network, listed as a subject or not. */
  entityIds: z.array(z.string()),
  subjects: z.array(SubjectEvaluation),
  links: z.array(LeadLink),
  qualifies: z.boolean(),
  score: z.number(),
  reasons: z.array(z.string()),
  /** Why it does not qualify, in words; empty when it does. */
  shortfalls: z.array(z.string()),
  evidence: LeadEvidence,
  points: z.array(z.object({ what: z.string(), points: z.number() })),
  typologies: z
    .array(TypologyMatch)
    .default([])
    .describe('the typologies of FinCEN advisory FIN-2020-A008 the network shows; none when it shows none'),
});
export type NetworkEvaluation = z.infer<typeof NetworkEvaluation>;

/** One lead as `GET /api/v1/leads` lists it. */
export const LeadSummary = z.object({
  id: z.string(),
  status: LeadStatus,
  score: z.number(),
  title: z.string().describe('the display name of its first person or company subject (else of its first subject)'),
  subjects: z.array(LeadSubject),
  reasons: z.array(z.string()),
  typologies: NetworkEvaluation.shape.typologies,
  revision: z.number().int(),
  /** True when the current revision has the approvals the policy needs. */
  approved: z.boolean(),
  reviewBy: z.string().nullable(),
  exportedRevision: z
    .number()
    .int()
    .nullable()
    .describe("the oldest revision of this lead a partner's latest bundle holds; null when never exported"),
  changedSinceExport: z
    .boolean()
    .describe(
      'the lead changed after it was exported: partners hold an older revision until this one is approved, ' +
        'which re-issues their bundles',
    ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeadSummary = z.infer<typeof LeadSummary>;

export const LeadPage = z.object({
  items: z.array(LeadSummary),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** One analyst's approval of a lead's revision: the key it came with, the person holding that key, and when. */
export const Approval = z.object({
  by: z.string().describe('the API key id'),
  person: z.string().describe("the person holding the key (a key made before keys had people: the key's id)"),
  at: z.string(),
});
export type Approval = z.infer<typeof Approval>;

const ApproverName = z
  .string()
  .describe("the approver's registered name; for a key made before keys had people, the key's label (else its id)");

export const LeadDetail = LeadSummary.extend({
  subjects: z.array(SubjectEvaluation.extend({ displayName: SubjectDisplayName })),
  reports: z
    .array(z.object({ id: z.string(), orgId: z.string(), orgName: z.string(), receivedAt: z.string() }))
    .describe('the reports behind it, with the organisation that sent each; never their contents'),
  links: z.array(LeadLink),
  evidence: LeadEvidence,
  points: NetworkEvaluation.shape.points,
  shortfalls: z.array(z.string()),
  approval: z.object({
    needed: z.number().int(),
    pending: z
      .array(Approval.extend({ name: ApproverName }))
      .describe('approvals of the current revision still short of the number needed, oldest first'),
    approvedRevision: z.number().int().nullable(),
    approvedBy: z
      .array(z.object({ person: z.string(), name: ApproverName }))
      .describe('the people whose approvals completed the approved revision'),
    approvedAt: z.string().nullable(),
  }),
  closedReason: z.string().nullable(),
  exports: z.array(
    z.object({
      id: z.string(),
      partner: z.string(),
      partnerName: z.string().describe("the partner's registered display name"),
      revision: z.number().int(),
      leadRevision: z.number().int().describe("the revision of this lead the bundle's latest revision holds"),
      createdAt: z.string(),
    }),
  ),
  outcomes: z
    .array(Outcome)
    .describe("what the partners reported they did with the lead's subjects, by the day they acted"),
});
export type LeadDetail = z.infer<typeof LeadDetail>;

/** A lead as the graph keeps it: its evaluation, revision and where approval of it stands. */
export const StoredLead = z.object({
  id: z.string(),
  status: LeadStatus,
  score: z.number(),
  reasons: z.array(z.string()),
  evaluation: NetworkEvaluation,
  fingerprint: z.string(),
  revision: z.number().int(),
  /** Approvals of the current revision still short of the policy's number. */
  approvals: z.array(Approval),
  approvedRevision: z.number().int().nullable(),
  /** The people whose approvals completed the approved revision (the keys' own ids for keys without people). */
  approvedBy: z.array(z.string()),
  approvedAt: z.string().nullable(),
  reviewBy: z.string().nullable(),
  exportedAt: z.string().nullable(),
  /** The oldest revision of the lead that partners hold (kept by the exports as they are issued). */
  exportedRevision: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedReason: z.string().nullable(),
});
export type StoredLead = z.infer<typeof StoredLead>;

export const ApprovalOutcome = z.object({
  lead: LeadSummary,
  /** False when this person had already approved this revision, with this key or another: nobody counts twice. */
  counted: z.boolean(),
  approvals: z.number().int(),
  needed: z.number().int(),
});
export type ApprovalOutcome = z.infer<typeof ApprovalOutcome>;

const RevisedExports = z.array(z.string()).describe('the exports that got a new signed bundle revision');

export const RejectOutcome = LeadSummary.extend({ revisedExports: RevisedExports });

/** An approval as the API answers it: a changed lead's completed approval re-issues its partners' bundles. */
export const ApprovalAnswer = ApprovalOutcome.extend({ revisedExports: RevisedExports });

export const LeadListQuery = Pagination.extend({
  status: LeadStatus.optional(),
});

/**
 * An approval names the revision the analyst reviewed: a lead that changed since (a new revision) is not
 * approved on the strength of what they saw before.
 */
export const ApproveInput = z
  .object({
    revision: z
      .number({ message: 'is required: the revision of the lead you reviewed, as GET /api/v1/leads/:id gives it' })
      .int({ message: 'must be a whole number' })
      .min(1, { message: 'must be at least 1' }),
  })
  .strict();
export type ApproveInput = z.infer<typeof ApproveInput>;

export const RejectInput = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, { message: 'must not be empty' })
      .max(2000, { message: 'must be at most 2000 characters' })
      .optional(),
  })
  .strict();
export type RejectInput = z.infer<typeof RejectInput>;

const LeadId = z.string().regex(/^lead_[A-Za-z0-9]{1,64}$/, { message: "must be a lead id (starts with 'lead_')" });

export const CreateExportInput = z
  .object({
    partner: OrgSlug,
    leads: z
      .array(LeadId)
      .min(1, { message: 'must name at least one lead' })
      .max(500, { message: 'must name at most 500 leads' }),
  })
  .strict();
export type CreateExportInput = z.infer<typeof CreateExportInput>;

/** The bundle's fixed terms: every recipient reads them in the signed manifest. */
export const HANDLING = 'TLP:AMBER';
export const PERMITTED_USE = 'screening and enhanced due diligence only; not proof of wrongdoing';

export const BUNDLE_FILES = ['entities.ftm.jsonl', 'leads.csv'] as const;
export type BundleFileName = (typeof BUNDLE_FILES)[number] | 'manifest.json';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const WithdrawnSubject = z.object({
  lead_id: z.string(),
  entity_id: z.string(),
  /** The bundle revision that first left the subject out. */
  revision: z.number().int().min(2),
  reason: z.string(),
});
export type WithdrawnSubject = z.infer<typeof WithdrawnSubject>;

/**
 * A subject listed under another id since a revision: its id was merged into `entity_id` and the lead
 * was approved again, so a bank replaces `old_entity_id` with `entity_id` in its screening list.
 */
export const ReplacedSubject = z.object({
  lead_id: z.string(),
  old_entity_id: z.string(),
  entity_id: z.string(),
  /** The bundle revision that first listed the subject under `entity_id`. */
  revision: z.number().int().min(2),
});
export type ReplacedSubject = z.infer<typeof ReplacedSubject>;

/** `manifest.json`: what the bundle is, the terms of its use, and the hash of every other file. */
export const ManifestBody = z
  .object({
    bundle_id: z.string(),
    revision: z.number().int().min(1),
    issuer: z.string(),
    recipient: z.string(),
    issued_at: z.string(),
    review_by: z.string(),
    handling: z.literal(HANDLING),
    permitted_use: z.literal(PERMITTED_USE),
    redress_contact: z.string(),
    /** The revision this one replaces (null for the first); absent in bundles issued before it was recorded. */
    supersedes: z.number().int().min(1).nullable().optional(),
    leads: z.array(
      z.object({
        lead_id: z.string(),
        /** The lead's approved revision this bundle holds; absent in bundles issued before it was recorded. */
        revision: z.number().int().min(1).optional(),
        score: z.number(),
        subjects: z.number().int(),
        review_by: z.string(),
        typologies: z.array(TypologyMatch).optional(),
      }),
    ),
    /*
     * For the recipient's suspicious activity report. Bundles issued before typologies lack both, and their
     * signatures cover what they hold, so a check of them must not read the fields as required.
     */
    sar_key_term: z.literal(SAR_KEY_TERM).optional(),
    sar_guidance: z.literal(SAR_GUIDANCE).optional(),
    withdrawn: z.array(WithdrawnSubject),
    /** Subjects listed under a surviving id since a merge; absent in bundles issued before it was recorded. */
    replaced: z.array(ReplacedSubject).optional(),
    files: z.array(z.object({ name: z.enum(BUNDLE_FILES), sha256: Sha256, bytes: z.number().int().min(0) })),
  })
  .strict();
export type ManifestBody = z.infer<typeof ManifestBody>;

export const Manifest = ManifestBody.extend({
  signature: z.object({
    algorithm: z.literal('Ed25519'),
    /** SHA-256 of the public key (SPKI DER), hex: which key to check the signature with. */
    key_id: Sha256,
    /** Base64 signature over the canonical JSON of the manifest without this field. */
    value: z.string().min(1),
  }),
}).strict();
export type Manifest = z.infer<typeof Manifest>;

/** `leads.csv`: one row per subject, these columns about the subject first. */
export const SUBJECT_CSV_COLUMNS = [
  'lead_id',
  'ftm_id',
  'schema',
  'name',
  'aliases',
  'countries',
  'phones',
  'emails',
  'account_numbers',
  'ibans',
  'bank',
  'registration_numbers',
  'roles',
  'independent_reports',
  'distinct_organisations',
  'strongest_identifier',
  'score',
  'approved_by',
  'approved_at',
  'goaml_hint',
] as const;
/** A subject's cells as an export keeps them. */
export const SubjectCsvRow = z.record(z.enum(SUBJECT_CSV_COLUMNS), z.string());
export type SubjectCsvRow = z.infer<typeof SubjectCsvRow>;

/** Then the lead's: its typologies by id (`; ` between two), the same on each of its rows. */
export const LEADS_CSV_COLUMNS = [...SUBJECT_CSV_COLUMNS, 'typologies'] as const;
export const LeadsCsvRow = z.record(z.enum(LEADS_CSV_COLUMNS), z.string());
export type LeadsCsvRow = z.infer<typeof LeadsCsvRow>;

/** An approved lead the way an export keeps it, so that every later revision of a bundle says the same of it. */
export const SnapshotLead = z.object({
  leadId: z.string(),
  /** The lead's revision as approved and issued. */
  revision: z.number().int().min(1),
  /** The bundle revision that first held this snapshot: withdrawals recorded before it were of an older one. */
  issuedIn: z.number().int().min(1),
  score: z.number(),
  reviewBy: z.string(),
  subjects: z.array(
    z.object({
      entityId: z.string(),
      /** Kept to notice later when a merge behind the subject is undone; never written to a bundle. */
      mentionIds: z.array(z.string()),
      entity: FtmEntity,
      row: SubjectCsvRow,
    }),
  ),
  links: z.array(z.object({ from: z.string(), to: z.string(), entity: FtmEntity })),
  /** As the lead showed them when it was exported; none for exports made before typologies. */
  typologies: z.array(TypologyMatch).default([]),
});
export type SnapshotLead = z.infer<typeof SnapshotLead>;

export const ExportSummary = z.object({
  id: z.string(),
  partner: z.string(),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  reviewBy: z.string(),
  leads: z.array(z.string()),
  withdrawn: z.array(WithdrawnSubject),
  replaced: z.array(ReplacedSubject),
});
export type ExportSummary = z.infer<typeof ExportSummary>;

export const ExportPage = z.object({ items: z.array(ExportSummary) });
export const CreatedExport = z.object({ id: z.string(), revision: z.number().int() });
export const SigningKey = z.object({
  algorithm: z.literal('Ed25519'),
  keyId: z.string(),
  publicKey: z.string().describe('PEM (SPKI)'),
});
