import { ADDRESS_KEY_PREFIX, IDENTIFIER_KEY_PREFIX } from '../../matching/blocking/valueKeys';
import type { Graph } from '../driver';
import { recordHeldRevisions } from '../exports/store';
import { recountNameForms } from '../resolve/nameForms';

/**
 * The versioned schema of Lantern's graph, as data. Each step is applied once, in order, and recorded as a
 * (:SchemaMigration {version}) node. Statements use IF NOT EXISTS so that a step interrupted half-way can
 * simply run again. Never edit a released step: add a new one.
 *
 * Uniqueness constraints come first because concurrent MERGE without one creates duplicates.
 */
export interface MigrationStep {
  version: number;
  description: string;
  statements: string[];
  /** Data the step derives again once its statements have run (idempotent, like the statements). */
  rewrite?: (graph: Graph) => Promise<unknown>;
}

const unique = (name: string, label: string, property: string) =>
  `CREATE CONSTRAINT ${name} IF NOT EXISTS FOR (n:${label}) REQUIRE n.${property} IS UNIQUE`;

const index = (name: string, label: string, properties: string[]) =>
  `CREATE INDEX ${name} IF NOT EXISTS FOR (n:${label}) ON (${properties.map((p) => `n.${p}`).join(', ')})`;

export const MIGRATION_STEPS: readonly MigrationStep[] = [
  {
    version: 1,
    description: 'uniqueness constraints for every id, identifier and blocking key',
    statements: [
      unique('report_id', 'Report', 'id'),
      unique('mention_id', 'Mention', 'id'),
      unique('entity_id', 'Entity', 'id'),
      unique('identifier_key', 'Identifier', 'key'),
      unique('blocking_key', 'BlockingKey', 'key'),
      unique('name_token', 'NameToken', 'token'),
      unique('organisation_slug', 'Organisation', 'slug'),
      unique('api_key_id', 'ApiKey', 'id'),
      unique('api_key_hash', 'ApiKey', 'hash'),
      unique('judgement_id', 'Judgement', 'id'),
      unique('lead_id', 'Lead', 'id'),
      unique('export_id', 'Export', 'id'),
      unique('audit_event_id', 'AuditEvent', 'id'),
      unique('import_id', 'Import', 'id'),
      unique('idempotency_key', 'IdempotencyRecord', 'key'),
    ],
  },
  {
    version: 2,
    description: 'indexes for the outbox, listings and the review queue',
    statements: [
      index('report_status_received', 'Report', ['status', 'receivedAt']),
      index('report_org_received', 'Report', ['orgId', 'receivedAt']),
      index('report_payload_hash', 'Report', ['orgId', 'payloadHash']),
      index('mention_report', 'Mention', ['reportId']),
      index('entity_merged_into', 'Entity', ['mergedInto']),
      index('lead_status', 'Lead', ['status']),
      index('audit_event_at', 'AuditEvent', ['at']),
      'CREATE INDEX possible_match_status IF NOT EXISTS FOR ()-[r:POSSIBLE_MATCH]-() ON (r.status)',
    ],
  },
  {
    version: 3,
    description: 'resolver bookkeeping: name statistics shards, mention status, match decisions',
    statements: [
      unique('name_stats_shard', 'NameStats', 'shard'),
      index('mention_status', 'Mention', ['status']),
      'CREATE INDEX matched_outcome IF NOT EXISTS FOR ()-[r:MATCHED]-() ON (r.outcome)',
    ],
  },
  {
    version: 4,
    description: 'leads and export bundles: expiry scan, partner listings, one bundle per revision',
    statements: [
      index('lead_status_review_by', 'Lead', ['status', 'reviewBy']),
      index('export_partner_created', 'Export', ['partner', 'createdAt']),
      'CREATE CONSTRAINT bundle_revision IF NOT EXISTS FOR (b:Bundle) REQUIRE (b.exportId, b.revision) IS UNIQUE',
    ],
  },
  {
    version: 5,
    description: 'blocking keys are counted by their degree: the stored counter, no longer kept, is removed',
    statements: [
      'MATCH (k:BlockingKey) WHERE k.count IS NOT NULL CALL (k) { REMOVE k.count } IN TRANSACTIONS OF 10000 ROWS',
    ],
  },
  {
    version: 6,
    description:
      'name rarity over distinct name forms; ' +
      'the resolver finds mentions to decide again by the caseload they were decided in',
    statements: [unique('name_form_key', 'NameForm', 'key'), index('mention_names_at', 'Mention', ['namesAt'])],
    rewrite: recountNameForms,
  },
  {
    version: 7,
    description: 'organisations are registered records: those made on first use by earlier versions are named by slug',
    statements: ['MATCH (o:Organisation) WHERE o.name IS NULL SET o.name = o.slug'],
  },
  {
    version: 8,
    description: 'search: identifiers found by their value, whole (a handle of any service) or by its visible tail',
    statements: ['CREATE TEXT INDEX identifier_value_text IF NOT EXISTS FOR (n:Identifier) ON (n.value)'],
  },
  {
    version: 9,
    description:
      'partner banks are registered records: organisations that held partner keys or received exports become partners',
    statements: [
      "MATCH (k:ApiKey {role: 'partner'}) MERGE (o:Organisation {slug: k.org}) ON CREATE SET o.name = k.org " +
        'SET o:Partner',
      'MATCH (x:Export) MERGE (o:Organisation {slug: x.partner}) ON CREATE SET o.name = x.partner SET o:Partner',
    ],
  },
  {
    version: 10,
    description:
      'people behind keys: one (:User) per e-mail, which keys are HELD_BY; ' +
      'keys made before stay without one and count as a person of their own',
    statements: [unique('user_id', 'User', 'id'), unique('user_email', 'User', 'email')],
  },
  {
    version: 11,
    description:
      'changes after export: notices for partners (one per id; listed by partner, delivered from an outbox), ' +
      'and the lead revision each export holds',
    statements: [
      unique('notice_id', 'Notice', 'id'),
      index('notice_partner_at', 'Notice', ['partner', 'at']),
      index('notice_delivery_at', 'Notice', ['deliveryStatus', 'at']),
    ],
    rewrite: recordHeldRevisions,
  },
  {
    version: 12,
    description:
      'candidates come from the candidate index in Redis: the graph keeps key nodes for shared values only ' +
      '(identifiers, addresses), and a singleton names the epoch its mentions were indexed under',
    statements: [
      unique('index_epoch_id', 'IndexEpoch', 'id'),
      `MATCH (k:BlockingKey) WHERE NOT (k.key STARTS WITH '${IDENTIFIER_KEY_PREFIX}:' ` +
        `OR k.key STARTS WITH '${ADDRESS_KEY_PREFIX}:') ` +
        'CALL (k) { DETACH DELETE k } IN TRANSACTIONS OF 1000 ROWS',
      'MATCH (m:Mention) WHERE m.keys IS NOT NULL CALL (m) { REMOVE m.keys } IN TRANSACTIONS OF 10000 ROWS',
    ],
  },
];
