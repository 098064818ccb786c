import { QUEUES, type QueueName } from '../../workers/queues';
import { deleteKeysWithPrefix, testRedisUrl } from '../support/services';
import { startTestStack, TEST_SECRET, type TestStack } from '../support/stack';

// Invented people and numbers from the region; none is real.
const ORG = `th-validation-ngo-${Date.now()}`;

const report = (person: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  caseRef: 'TH-VAL-1',
  country: 'TH',
  reportedAt: '2024-03-02',
  subjects: [{ ref: 'p1', schema: 'Person', properties: { name: ['Somchai Jaidee'], ...person } }],
  ...extra,
});

/** Each rule, a body breaking it, and the field its 400 must name. */
const BROKEN: ReadonlyArray<[rule: string, body: unknown, path: string, message: RegExp]> = [
  ['a phone that is no number', report({ phone: ['abc'] }), 'subjects.0.properties.phone.0', /valid in TH/],
  ['an e-mail that is no address', report({ email: ['not-an-email'] }), 'subjects.0.properties.email.0', /e-mail/],
  ['an impossible birth date', report({ birthDate: ['1990-02-31'] }), 'subjects.0.properties.birthDate.0', /real/],
  ['a reportedAt in year 0', report({}, { reportedAt: '0000-01-01' }), 'reportedAt', /between 1970-01-01/],
  ['a reportedAt in 9999', report({}, { reportedAt: '9999-12-31' }), 'reportedAt', /between 1970-01-01/],
  ['a name of zero-width characters', report({ name: ['\u200B\u200D'] }), 'subjects.0.properties.name.0', /visible/],
  ['a NUL in a name', report({ name: ['Som\u0000chai'] }), 'subjects.0.properties.name.0', /control/],
  ['an escape sequence in notes', report({}, { notes: 'x\u001b[2J' }), 'notes', /control/],
  ['a right-to-left override in caseRef', report({}, { caseRef: 'TH-\u202E1' }), 'caseRef', /bidirectional/],
  ['a non-character in an alias', report({ alias: ['Sia\uFFFF'] }), 'subjects.0.properties.alias.0', /non-char/],
  [
    'an IBAN whose checksum fails',
    {
      ...report({}),
      subjects: [{ ref: 'a1', schema: 'BankAccount', properties: { iban: ['DE88 3704 0044 0532 0130 00'] } }],
    },
    'subjects.0.properties.iban.0',
    /check digits/,
  ],
  ['an unknown property', report({ victimName: ['x'] }), 'subjects.0.properties.victimName', /not a Person/],
];

describe('a report that breaks a value rule', () => {
  let stack: TestStack;
  let caseworker: string;

  beforeAll(async () => {
    stack = await startTestStack('validation', { workers: false, workerOptions: { imports: { secret: TEST_SECRET } } });
    caseworker = await stack.keyFor('caseworker', ORG);
  });
  afterAll(async () => {
    await stack.close();
    await deleteKeysWithPrefix(testRedisUrl(), stack.prefix);
  });

  const reportsOfOrg = () =>
    stack.graph.read(async (tx) => {
      const r = await tx.run('MATCH (r:Report)-[:FROM]->(:Organisation {slug: $org}) RETURN count(r) AS n', {
        org: ORG,
      });
      return Number(r.records[0]!.get('n'));
    });
  const queuedJobs = async () => {
    const counts = await Promise.all(
      (Object.values(QUEUES) as QueueName[]).map((name) => stack.ctx.producer.queue(name).getJobCounts()),
    );
    return counts.flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0);
  };

  it.each(BROKEN)(
    'answers 400 naming the field for %s, and stores and queues nothing',
    async (_rule, body, path, message) => {
      const res = await stack.call('/api/v1/reports', { method: 'POST', key: caseworker, json: body });
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { issues: Array<{ path: string; message: string }> };
      expect(answer.issues).toContainEqual({ path, message: expect.stringMatching(message) });
      expect(await reportsOfOrg()).toBe(0);
      expect(await queuedJobs()).toBe(0);
    },
  );

  it('refuses properties.__proto__ sent as raw JSON instead of dropping it', async () => {
    const raw = JSON.stringify(report({})).replace('"name":', '"__proto__":["x"],"name":');
    const res = await stack.call('/api/v1/reports', {
      method: 'POST',
      key: caseworker,
      body: raw,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: unknown[] }).issues).toContainEqual({
      path: 'subjects.0.properties.__proto__',
      message: expect.stringContaining('is not a property'),
    });
    expect(await reportsOfOrg()).toBe(0);
  });

  it('accepts masked phones and joiners inside Indic and Persian words, which the rules must let through', async () => {
    const body = report({
      phone: ['0812xxxxxx', '+66 81 xxx xxxx', '081-234-5678'],
      alias: ['क्\u200Dष', 'می\u200Cخواهم'],
      email: ['s***@gmail.com'],
    });
    const res = await stack.call('/api/v1/reports', { method: 'POST', key: caseworker, json: body });
    expect(res.status).toBe(202);
    expect(await reportsOfOrg()).toBe(1);
  });
});
