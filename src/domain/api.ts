import { z } from 'zod';
import { KeySummary } from './auth';
import { LinkType, Role, SubjectSchema } from './ftm';

/*
 * The API's query strings, headers and answers. Request bodies live next to their domain (report.ts,
 * auth.ts, review.ts); what is here is the rest of the contract, read by the routes and by the OpenAPI
 * document alike.
 */

export const Pagination = z.object({
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(200, { message: 'must be at most 200' })
    .default(50),
  offset: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(0, { message: 'must be at least 0' })
    .max(1_000_000, { message: 'must be at most 1000000' })
    .default(0),
});

export const ReportListQuery = Pagination.extend({
  org: z
    .string()
    .max(64)
    .optional()
    .describe("analysts only: one organisation's reports (caseworkers always see their own)"),
});

export const AuditQuery = Pagination.extend({
  action: z
    .string()
    .regex(/^[a-z.]{1,64}$/, { message: "must be an action name such as 'report.submitted'" })
    .optional(),
});

export const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, { message: 'must be 1-200 visible ASCII characters' });

export const ErrorBody = z
  .object({
    error: z.string(),
    issues: z
      .array(
        z.object({
          path: z.string().describe('dotted path of the field, e.g. subjects.0.properties.phone'),
          message: z.string(),
        }),
      )
      .optional(),
    requestId: z.string().optional().describe('on 500 only: quote it when reporting the problem'),
  })
  .describe('Every error answer. 400s name every bad field in `issues`.');
export type ErrorBody = z.infer<typeof ErrorBody>;

const Count = z.number().int().min(0);

/** Lists that page: the items of this page and the total across all pages. */
function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: Count, limit: Count, offset: Count });
}

export const ReportStatus = z.enum(['received', 'processing', 'processed', 'failed', 'withdrawn']);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const ReportAccepted = z.object({ id: z.string(), status: z.literal('received') });

const ReportCommon = z.object({
  id: z.string(),
  status: ReportStatus,
  error: z.string().optional().describe('why processing failed, when it did'),
  country: z.string(),
  reportedAt: z.string().nullable(),
  receivedAt: z.string(),
  org: z.string().optional().describe('analysts only'),
});

export const ReportView = ReportCommon.extend({
  subjects: z.array(
    z.object({
      ref: z.string(),
      schema: SubjectSchema,
      entityId: z.string().nullable().describe("the subject's current entity once the report is processed"),
    }),
  ),
  notes: z.string().nullable().optional().describe('analysts only'),
});
export type ReportView = z.infer<typeof ReportView>;

export const ReportPage = page(ReportCommon.extend({ subjectCount: Count }));

export const KeyList = z.object({ items: z.array(KeySummary) });

const EntityMention = z.object({
  id: z.string(),
  reportId: z.string(),
  orgId: z.string(),
  orgName: z.string().describe("the organisation's registered display name"),
  schema: SubjectSchema,
  role: Role.nullable(),
  country: z.string(),
  reportedAt: z.string().nullable(),
  names: z.array(z.string()),
  decision: z.string(),
  score: z.number().nullable(),
  explanation: z.unknown().describe('the feature breakdown behind the decision'),
  decidedAt: z.string(),
  decidedBy: z.string(),
  model: z.string().nullable(),
});

export const JudgementRecord = z.object({
  id: z.string(),
  verdict: z.enum(['same', 'different', 'unsure']),
  kind: z.string(),
  by: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
  entityA: z.string(),
  entityB: z.string(),
});
export type JudgementRecord = z.infer<typeof JudgementRecord>;

export const JudgementHistory = z.object({ items: z.array(JudgementRecord) });

/** Shown instead of ids: the best-supported well-formed name (matching/displayName.ts), never empty. */
const DisplayName = z.string().describe('the name most mentions give, never empty; show this rather than the id');

export const EntityView = z.object({
  id: z.string(),
  schema: SubjectSchema,
  displayName: DisplayName,
  names: z.array(z.string()),
  countries: z.array(z.string()),
  roles: z.array(z.string()),
  identifiers: z.array(
    z.object({
      kind: z.string(),
      value: z.string(),
      sharedWith: Count.describe('other entities holding the same identifier'),
    }),
  ),
  mentionCount: Count,
  reportCount: Count,
  orgCount: Count,
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  mentions: z.array(EntityMention),
  relations: z.array(
    z.object({
      type: LinkType,
      direction: z.enum(['out', 'in']),
      entityId: z.string(),
      displayName: DisplayName,
      names: z.array(z.string()),
      reportIds: z.array(z.string()),
    }),
  ),
  possibleMatches: z.array(
    z.object({ entityId: z.string(), displayName: DisplayName, score: z.number(), status: z.string() }),
  ),
  mergedIds: z.array(z.string()).describe('ids merged into this entity; they still resolve to it'),
  judgements: z.array(JudgementRecord),
});
export type EntityView = z.infer<typeof EntityView>;

export const MergedEntity = z
  .object({ id: z.string(), mergedInto: z.string() })
  .describe('an id that was merged into another entity');

export const Neighbourhood = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['entity', 'identifier']),
      schema: z.string().optional(),
      label: z.string().describe("what the graph writes on the node; an identifier's is its kind and last digits"),
      identifierKind: z.string().optional().describe('identifier nodes: phone, email, account, iban...'),
      title: z.string().optional().describe('identifier nodes: the kind and the whole value, shown on hover'),
    }),
  ),
  edges: z.array(z.object({ source: z.string(), target: z.string(), type: z.string() })),
  truncated: z.boolean(),
});
export type Neighbourhood = z.infer<typeof Neighbourhood>;

const ReviewSide = z.object({
  id: z.string(),
  schema: SubjectSchema,
  displayName: DisplayName,
  names: z.array(z.string()),
  countries: z.array(z.string()),
  reportCount: Count,
  orgCount: Count,
  roles: z.array(z.string()),
});

export const ReviewItem = z.object({
  entityA: ReviewSide,
  entityB: ReviewSide,
  score: z.number(),
  priority: z.number().describe('the score weighted by the evidence behind both entities; the queue is sorted by it'),
  explanation: z.unknown(),
  since: z.string(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ReviewPage = page(ReviewItem).extend({
  choices: z
    .object({
      schemas: z.array(z.string()),
      countries: z.array(z.string()),
      orgs: z.array(z.object({ slug: z.string(), name: z.string() })),
    })
    .describe('the kinds, countries and organisations of the whole open queue: what the filters can be set to'),
});
export type ReviewPage = z.infer<typeof ReviewPage>;

export const JudgementOutcome = z.object({
  judgementId: z.string(),
  entities: z.array(z.string()),
  changed: z.array(z.string()).describe('entities whose membership changed'),
});
export type JudgementOutcome = z.infer<typeof JudgementOutcome>;

export const SplitOutcome = JudgementOutcome.extend({ newEntityId: z.string(), remainingEntityId: z.string() });
export type SplitOutcome = z.infer<typeof SplitOutcome>;

export const AuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string().describe("the acting API key's id ('cli' for the command line)"),
  person: z
    .string()
    .optional()
    .describe(
      'the id of the person holding that key; absent for the command line and for events recorded before keys ' +
        'had people',
    ),
  role: z.string(),
  org: z.string(),
  orgName: z.string().describe("the acting organisation's display name (its slug when it is not registered)"),
  action: z.string(),
  target: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditPage = page(AuditEvent);

export const HealthStatus = z.object({
  status: z.enum(['ok', 'unavailable']),
  neo4j: z.enum(['up', 'down']),
  redis: z.enum(['up', 'down']),
  version: z.string(),
  down: z.array(z.enum(['neo4j', 'redis'])).optional(),
});
