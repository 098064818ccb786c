import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ulid } from 'ulid';
import { z } from 'zod';
import {
  type ApiRole,
  type CreatedKey,
  KeyHolder,
  type KeyHolderInput,
  KeySummary,
  Principal,
} from '../../src/domain/auth';
import { unregisteredOrganisation } from '../../src/domain/orgs';
import { unregisteredPartner } from '../../src/domain/partners';
import type { Graph } from '../driver';
import { parseFirstRow, parseRows } from '../records';

/**
 * API keys are 256-bit random secrets, shown once and stored only as SHA-256 hashes: a stolen database
 * yields no usable key. Lookup is by hash, so no comparison of secrets happens in application code
 * except for the bootstrap admin key, which is compared in constant time.
 */
export const KEY_PREFIX = 'lnt_';

const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

export const hashKey = (key: string): string => digest(key).toString('hex');

export function newSecretKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * A key was asked for an organisation nobody registered (a typo would otherwise make a new NGO), a partner
 * key for an organisation that is not a registered partner, or another role's key for a partner bank.
 */
export class UnregisteredOrganisationError extends Error {
  constructor(
    readonly slug: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnregisteredOrganisationError';
  }
}

const Kind = z.object({ partner: z.boolean() });

async function refusal(graph: Graph, role: ApiRole, slug: string): Promise<UnregisteredOrganisationError> {
  const found = await graph.read(async (tx) =>
    parseFirstRow(await tx.run('MATCH (o:Organisation {slug: $slug}) RETURN o:Partner AS partner', { slug }), Kind),
  );
  const message =
    role === 'partner'
      ? unregisteredPartner(slug)
      : found?.partner
        ? `'${slug}' is a partner bank: only partner keys belong to it`
        : unregisteredOrganisation(slug);
  return new UnregisteredOrganisationError(slug, message);
}

/**
 * A key was asked for a person whose e-mail is registered under another name. One e-mail is one person,
 * so the key is refused rather than filed under a name the admin did not mean (or the other name
 * silently overwritten): the admin gives the registered name, or the other person's own address.
 */
export class PersonNameConflictError extends Error {
  constructor(
    readonly email: string,
    readonly registeredName: string,
  ) {
    super(
      `the person with the e-mail ${email} is registered as '${registeredName}'; give that name, or another e-mail`,
    );
    this.name = 'PersonNameConflictError';
  }
}

const HOLDER = '{id: u.id, name: u.name, email: u.email}';
const Holder = z.object({ person: KeyHolder });

/**
 * A new key for the person with this e-mail, who is registered with their first key and holds every
 * later one made for the same address (under a uniqueness constraint, so two admins at once make one).
 */
export async function createApiKey(
  graph: Graph,
  input: { role: ApiRole; org: string; name?: string; person: KeyHolderInput; createdBy: string },
): Promise<CreatedKey> {
  const key = newSecretKey();
  const id = `key_${ulid()}`;
  const now = new Date().toISOString();
  const person = await graph.write(async (tx) => {
    const holder = parseFirstRow(
      await tx.run(
        `MATCH (o:Organisation {slug: $org}) WHERE (o:Partner) = ($role = 'partner')
         MERGE (u:User {email: $email})
           ON CREATE SET u.id = $personId, u.name = $personName, u.createdAt = $now
         RETURN ${HOLDER} AS person`,
        {
          org: input.org,
          role: input.role,
          email: input.person.email,
          personId: `usr_${ulid()}`,
          personName: input.person.name,
          now,
        },
      ),
      Holder,
    )?.person;
    if (!holder || holder.name !== input.person.name) return holder;
    await tx.run(
      `MATCH (o:Organisation {slug: $org}), (u:User {id: $personId})
       CREATE (k:ApiKey {id: $id, hash: $hash, role: $role, org: $org, name: $name,
                         createdAt: $now, createdBy: $createdBy})
       CREATE (k)-[:OF]->(o)
       CREATE (k)-[:HELD_BY]->(u)`,
      {
        org: input.org,
        personId: holder.id,
        id,
        hash: hashKey(key),
        role: input.role,
        name: input.name ?? null,
        now,
        createdBy: input.createdBy,
      },
    );
    return holder;
  });
  if (!person) throw await refusal(graph, input.role, input.org);
  if (person.name !== input.person.name) throw new PersonNameConflictError(person.email, person.name);
  return { id, key, role: input.role, org: input.org, name: input.name ?? null, person };
}

export async function listApiKeys(graph: Graph): Promise<KeySummary[]> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (k:ApiKey)
       OPTIONAL MATCH (k)-[:HELD_BY]->(u:User)
       RETURN k.id AS id, k.role AS role, k.org AS org, k.name AS name,
              CASE WHEN u IS NULL THEN null ELSE ${HOLDER} END AS person,
              k.createdAt AS createdAt, k.revokedAt AS revokedAt
       ORDER BY k.createdAt DESC, k.id`,
    );
    return parseRows(r, KeySummary);
  });
}

const HolderName = z.object({ id: z.string(), name: z.string() });

/**
 * What to call the people behind these person ids: their registered names. A key made before keys had
 * people is its own person, so its id is called by the key's label, or by the id itself.
 */
export async function namesOfPeople(graph: Graph, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return graph.read(async (tx) => {
    const r = await tx.run(
      `UNWIND $ids AS id
       OPTIONAL MATCH (u:User {id: id})
       OPTIONAL MATCH (k:ApiKey {id: id})
       RETURN DISTINCT id, coalesce(u.name, k.name, id) AS name`,
      { ids: [...new Set(ids)] },
    );
    return new Map(parseRows(r, HolderName).map((row) => [row.id, row.name]));
  });
}

/** Revokes a key; returns false when there is no such key. Revoking twice keeps the first date. */
export async function revokeApiKey(graph: Graph, id: string): Promise<boolean> {
  return graph.write(async (tx) => {
    const r = await tx.run(
      'MATCH (k:ApiKey {id: $id}) SET k.revokedAt = coalesce(k.revokedAt, $now) RETURN k.id AS id',
      { id, now: new Date().toISOString() },
    );
    return r.records.length > 0;
  });
}

/** The bootstrap admin key (LANTERN_ADMIN_KEY) as a key id and as a person: it is nobody else. */
const BOOTSTRAP_ADMIN = 'bootstrap-admin';

/**
 * Compares secrets in a time that depends neither on where they first differ nor on their lengths:
 * both become 32-byte digests, which timingSafeEqual compares in full.
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The principal a presented key stands for, or undefined. Every call asks the database: no answer is
 * cached, so a revocation made by any process (another API, the command line) holds at once everywhere.
 * A cache kept fresh by published revocations would fail open whenever a subscriber missed a message
 * (a Redis restart, a network blip). The lookup it would save is one read on the unique hash index:
 * measured 2026-12-02 against a local Neo4j on the shared 2-core machine while other test suites ran
 * (load 6-9), p50 4-11 ms and p95 19-78 ms per verification, the same order as the read the route that
 * follows makes anyway; a quiet machine does better.
 */
export class KeyVerifier {
  constructor(
    private readonly graph: Graph,
    private readonly adminKey: string | undefined,
  ) {}

  async verify(key: string): Promise<Principal | undefined> {
    if (this.adminKey && sameSecret(key, this.adminKey))
      return { keyId: BOOTSTRAP_ADMIN, role: 'admin', org: 'lantern', person: BOOTSTRAP_ADMIN, personName: null };
    const hash = hashKey(key);
    return this.graph.read(async (tx) => {
      // A key made before keys had people holds itself: its own id stands for its person.
      const r = await tx.run(
        `MATCH (k:ApiKey {hash: $hash}) WHERE k.revokedAt IS NULL
         OPTIONAL MATCH (k)-[:HELD_BY]->(u:User)
         RETURN k.id AS keyId, k.role AS role, k.org AS org, coalesce(u.id, k.id) AS person, u.name AS personName`,
        { hash },
      );
      return parseFirstRow(r, Principal);
    });
  }
}
