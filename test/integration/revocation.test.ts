import { KeyVerifier } from '../../graph/auth/apiKeys';
import { Graph } from '../../graph/driver';
import { createApp } from '../../src/http/app';
import { serve } from '../support/http';
import { testNeo4jUri } from '../support/services';
import { startTestStack, TEST_ADMIN_KEY, type TestStack } from '../support/stack';

describe('revoking a key', () => {
  let stack: TestStack;
  let otherGraph: Graph;
  let other: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    stack = await startTestStack('revocation');
    // A second API with its own driver and verifier, as a `lantern serve` beside the first would have.
    otherGraph = new Graph({ uri: testNeo4jUri() });
    other = await serve(createApp({ ...stack.ctx, graph: otherGraph, keys: new KeyVerifier(otherGraph, undefined) }));
  });
  afterAll(async () => {
    await other?.close();
    await otherGraph?.close();
    await stack?.close();
  });

  it('refuses the key at once in another API process that accepted it a moment before', async () => {
    await stack.keyFor('analyst', 'th-revocation-hub');
    const request = {
      role: 'analyst',
      org: 'th-revocation-hub',
      person: { name: 'Anong Revoke', email: 'anong@revocation.example' },
    };
    const created = (await (
      await stack.call('/api/v1/keys', { method: 'POST', key: TEST_ADMIN_KEY, json: request })
    ).json()) as { id: string; key: string };
    const onOther = () => fetch(`${other.url}/api/v1/me`, { headers: { authorization: `Bearer ${created.key}` } });
    for (let i = 0; i < 3; i++) expect((await onOther()).status).toBe(200);
    expect((await stack.call(`/api/v1/keys/${created.id}`, { method: 'DELETE', key: TEST_ADMIN_KEY })).status).toBe(
      204,
    );
    expect((await onOther()).status).toBe(401);
    expect((await stack.call('/api/v1/me', { key: created.key })).status).toBe(401);
  });
});
