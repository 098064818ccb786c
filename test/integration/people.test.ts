import { registerOrganisation } from '../../graph/auth/organisations';
import { startTestStack, TEST_ADMIN_KEY, type TestStack } from '../support/stack';

/** This file's run only: the run's database outlives one file, and people are known by their e-mail. */
const RUN = Date.now().toString(36);
const ORG = `th-people-${RUN}`;
const email = (local: string) => `${local}.${RUN}@hub.example`;

interface Holder {
  id: string;
  name: string;
  email: string;
}

describe('the people behind API keys', () => {
  let stack: TestStack;
  const admin = (path: string, init: RequestInit & { json?: unknown } = {}) =>
    stack.call(path, { ...init, key: TEST_ADMIN_KEY });
  const createKey = async (json: unknown) => {
    const res = await admin('/api/v1/keys', { method: 'POST', json });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const keyCount = async () => ((await (await admin('/api/v1/keys')).json()) as { items: unknown[] }).items.length;
  const me = async (key: string) => (await (await stack.call('/api/v1/me', { key })).json()) as Record<string, unknown>;

  beforeAll(async () => {
    stack = await startTestStack('people');
    await registerOrganisation(stack.graph, { slug: ORG, name: 'Mekong People Hub', country: 'TH' });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('refuses a key without a person with 400 naming person, and makes no key', async () => {
    const before = await keyCount();
    expect(await createKey({ role: 'analyst', org: ORG })).toEqual({
      status: 400,
      body: {
        error: 'invalid key request',
        issues: [{ path: 'person', message: 'is required: the person who holds the key, as {"name", "email"}' }],
      },
    });
    expect(await keyCount()).toBe(before);
  });

  it.each([
    ['no address', 'Nok Chaiyaporn'],
    ['a masked address', 'n***@hub.example'],
    ['a mailto: link', 'mailto:nok@hub.example'],
    ['no domain', 'nok@hub'],
  ])('refuses %s as the e-mail with 400 naming person.email, and makes no key', async (_what, address) => {
    const before = await keyCount();
    expect(await createKey({ role: 'analyst', org: ORG, person: { name: 'Nok Chaiyaporn', email: address } })).toEqual({
      status: 400,
      body: {
        error: 'invalid key request',
        issues: [
          {
            path: 'person.email',
            message:
              'must be an e-mail address written out in full, such as pim.s@hub.example ' +
              '(a name, @, and a domain with a dot)',
          },
        ],
      },
    });
    expect(await keyCount()).toBe(before);
  });

  it(
    'registers a person with their first key, by an e-mail trimmed and in lower case, ' +
      'and lets them hold more keys, shown with each key in the listing',
    async () => {
      const first = await createKey({
        role: 'analyst',
        org: ORG,
        name: 'Nok laptop',
        person: { name: 'Nok Chaiyaporn', email: `  ${email('Nok.C').toUpperCase()} ` },
      });
      expect(first.status).toBe(201);
      const person = first.body.person as Holder;
      expect(person).toEqual({ id: expect.stringMatching(/^usr_/), name: 'Nok Chaiyaporn', email: email('nok.c') });
      const second = await createKey({
        role: 'analyst',
        org: ORG,
        name: 'Nok phone',
        person: { name: 'Nok Chaiyaporn', email: email('nok.c') },
      });
      expect([second.status, second.body.person]).toEqual([201, person]);

      const listed = ((await (await admin('/api/v1/keys')).json()) as { items: Array<{ id: string; person: unknown }> })
        .items;
      for (const created of [first, second])
        expect(listed.find((k) => k.id === created.body.id)).toMatchObject({ person });
      // The key knows its holder: /me names the person, whichever of their keys signs in.
      for (const created of [first, second])
        expect(await me(created.body.key as string)).toMatchObject({
          keyId: created.body.id,
          person: person.id,
          personName: 'Nok Chaiyaporn',
        });
    },
  );

  it('refuses a known e-mail given with another name with 409 naming person.name, and makes no key', async () => {
    const person = { name: 'Ratana Sukjai', email: email('ratana.s') };
    expect((await createKey({ role: 'analyst', org: ORG, person })).status).toBe(201);
    const before = await keyCount();
    expect(
      await createKey({ role: 'analyst', org: ORG, person: { name: 'Ratana S.', email: email('Ratana.S') } }),
    ).toEqual({
      status: 409,
      body: {
        error: 'the e-mail is registered to a person of another name',
        issues: [
          {
            path: 'person.name',
            message:
              `the person with the e-mail ${email('ratana.s')} is registered as 'Ratana Sukjai'; ` +
              'give that name, or another e-mail',
          },
        ],
      },
    });
    expect(await keyCount()).toBe(before);
  });

  it('treats a key made before keys had people, and the bootstrap admin key, each as a person of its own', async () => {
    const made = await createKey({
      role: 'analyst',
      org: ORG,
      name: 'old desk key',
      person: { name: 'Pim Old', email: email('pim.old') },
    });
    // What an earlier version left: the key, with nobody holding it.
    await stack.graph.write((tx) => tx.run('MATCH (:ApiKey {id: $id})-[h:HELD_BY]->() DELETE h', { id: made.body.id }));
    expect(await me(made.body.key as string)).toMatchObject({
      keyId: made.body.id,
      person: made.body.id,
      personName: null,
    });
    const listed = ((await (await admin('/api/v1/keys')).json()) as { items: Array<{ id: string }> }).items;
    expect(listed.find((k) => k.id === made.body.id)).toMatchObject({ name: 'old desk key', person: null });
    expect(await me(TEST_ADMIN_KEY)).toMatchObject({
      keyId: 'bootstrap-admin',
      person: 'bootstrap-admin',
      personName: null,
    });
  });

  it('records in the audit trail the person holding the acting key, besides the key', async () => {
    const created = await createKey({
      role: 'admin',
      org: ORG,
      person: { name: 'Kanya Admin', email: email('kanya.admin') },
    });
    const kanya = created.body.key as string;
    const registered = await stack.call('/api/v1/orgs', {
      method: 'POST',
      key: kanya,
      json: { slug: `kh-people-${RUN}`, name: 'Tonle People Centre', country: 'KH' },
    });
    expect(registered.status).toBe(201);
    const page = (await (await admin('/api/v1/audit?limit=200')).json()) as {
      items: Array<{ action: string; target?: string; actor: string; person?: string; details: unknown }>;
    };
    expect(page.items.find((e) => e.action === 'org.registered' && e.target === `kh-people-${RUN}`)).toMatchObject({
      actor: created.body.id,
      person: (created.body.person as Holder).id,
    });
    expect(page.items.find((e) => e.action === 'key.created' && e.target === created.body.id)).toMatchObject({
      actor: 'bootstrap-admin',
      person: 'bootstrap-admin',
      details: { role: 'admin', org: ORG, person: (created.body.person as Holder).id },
    });
  });
});
