import { z } from 'zod';
import { Pagination } from './api';

/**
 * Notices tell a partner bank that something it holds changed: a lead changed after it was exported, a
 * new bundle revision was issued, or subjects were withdrawn. A notice names ids, kinds, revision
 * numbers and a time only: never a name, a note or a case reference, so it can travel to a webhook.
 */

export const NOTICE_KINDS = ['lead.changed', 'bundle.revised', 'subjects.withdrawn'] as const;
export const NoticeKind = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof NoticeKind>;

/** What a notice says, the same bytes on every delivery of it: the webhook body and the core of the listing. */
export const NoticeBody = z.object({
  id: z.string().describe("'ntc_…'; the same notice always has the same id, so a receiver can drop repeats"),
  kind: NoticeKind,
  exportId: z.string(),
  partner: z.string(),
  bundleRevision: z
    .number()
    .int()
    .describe('lead.changed: the bundle revision the partner holds; otherwise the revision just issued'),
  supersedes: z.number().int().nullable().describe('bundle.revised: the revision it replaces; otherwise null'),
  leadId: z.string().nullable().describe('the lead concerned; null for bundle.revised (its manifest says which)'),
  leadRevision: z
    .number()
    .int()
    .nullable()
    .describe("lead.changed: the lead's new revision, waiting to be approved again; otherwise null"),
  heldRevision: z
    .number()
    .int()
    .nullable()
    .describe("lead.changed: the revision of the lead in the partner's bundle; otherwise null"),
  entityIds: z.array(z.string()).describe('subjects.withdrawn: the subjects withdrawn; otherwise empty'),
  at: z.string(),
});
export type NoticeBody = z.infer<typeof NoticeBody>;

export const DELIVERY_STATUSES = ['none', 'pending', 'delivered', 'failed'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** Where the webhook delivery of a notice stands; `none` when the partner has no webhook. */
export const NoticeDelivery = z.object({
  status: DeliveryStatus,
  attempts: z.number().int(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  error: z
    .string()
    .nullable()
    .describe('what the last attempt met when it failed (an HTTP status or a network error); null once delivered'),
});
export type NoticeDelivery = z.infer<typeof NoticeDelivery>;

export const Notice = NoticeBody.extend({ delivery: NoticeDelivery });
export type Notice = z.infer<typeof Notice>;

export const NoticeListQuery = Pagination.extend({
  export: z
    .string()
    .regex(/^exp_[A-Za-z0-9]{1,64}$/, { message: "must be an export id (starts with 'exp_')" })
    .optional(),
});
export type NoticeListQuery = z.infer<typeof NoticeListQuery>;

export const NoticePage = z.object({
  items: z.array(Notice),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** The headers of a webhook delivery; the signature is over `${timestamp}.${rawBody}`. */
export const WEBHOOK_HEADERS = {
  noticeId: 'X-Lantern-Notice-Id',
  timestamp: 'X-Lantern-Timestamp',
  keyId: 'X-Lantern-Key-Id',
  signature: 'X-Lantern-Signature',
} as const;

/** How old a delivery's timestamp may be (either way) before a receiver refuses it as stale or replayed. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
