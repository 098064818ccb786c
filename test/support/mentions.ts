import { type MentionInput, type MentionLink, mentionId } from '../../src/domain/mention';

let counter = 0;

/** A mention of a fictional subject, in a report of its own unless one is given. */
export function mention(
  properties: Record<string, string[]>,
  options: {
    schema?: MentionInput['schema'];
    country?: string;
    report?: string;
    ref?: string;
    org?: string;
    role?: MentionInput['role'];
    reportedAt?: string;
  } = {},
): MentionInput {
  counter += 1;
  const reportId = options.report ?? `rep_test_${counter}`;
  const ref = options.ref ?? `s${counter}`;
  return {
    id: mentionId(reportId, ref),
    reportId,
    orgId: options.org ?? 'test-org',
    ref,
    schema: options.schema ?? 'Person',
    role: options.role,
    country: options.country ?? 'TH',
    reportedAt: options.reportedAt ?? '2024-01-01',
    properties,
  };
}

export function link(type: MentionLink['type'], from: MentionInput, to: MentionInput): MentionLink {
  return { type, fromMentionId: from.id, toMentionId: to.id, reportId: from.reportId };
}
