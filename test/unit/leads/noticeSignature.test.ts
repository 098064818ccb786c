import { generateKeyPairSync } from 'node:crypto';
import { noticeWireBody, signNoticeDelivery, verifyNoticeDelivery } from '../../../graph/exports/noticeSignature';
import { signerFromPrivateKey } from '../../../graph/exports/signing';
import { type NoticeBody, WEBHOOK_HEADERS } from '../../../src/domain/notices';

const freshSigner = () =>
  signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

const notice: NoticeBody = {
  id: 'ntc_0123456789abcdef0123456789abcdef',
  kind: 'lead.changed',
  exportId: 'exp_1',
  partner: 'bank-a',
  bundleRevision: 1,
  supersedes: null,
  leadId: 'lead_1',
  leadRevision: 2,
  heldRevision: 1,
  entityIds: [],
  at: '2026-12-03T10:00:00.000Z',
};

describe('signed webhook deliveries', () => {
  const signer = freshSigner();
  const at = new Date('2026-12-03T10:00:05Z');
  const body = noticeWireBody(notice);
  const headers = signNoticeDelivery(notice.id, body, signer, at);
  const delivery = {
    rawBody: body,
    timestamp: headers[WEBHOOK_HEADERS.timestamp],
    signature: headers[WEBHOOK_HEADERS.signature],
    keyId: headers[WEBHOOK_HEADERS.keyId],
  };

  it('verifies with the issuer key over the timestamp and the exact body, and hands back the notice', () => {
    expect(headers).toEqual({
      [WEBHOOK_HEADERS.noticeId]: notice.id,
      [WEBHOOK_HEADERS.timestamp]: String(Math.floor(at.getTime() / 1000)),
      [WEBHOOK_HEADERS.keyId]: signer.keyId,
      [WEBHOOK_HEADERS.signature]: expect.any(String),
    });
    expect(verifyNoticeDelivery(delivery, signer.publicKeyPem, { now: at })).toEqual({
      ok: true,
      notice,
      problems: [],
    });
  });

  it('refuses a changed body, a changed timestamp, another key and a stale delivery', () => {
    const check = (over: Partial<typeof delivery>, key = signer.publicKeyPem, now = at) =>
      verifyNoticeDelivery({ ...delivery, ...over }, key, { now });
    expect(check({ rawBody: body.replace('"leadRevision":2', '"leadRevision":3') }).ok).toBe(false);
    expect(check({ timestamp: String(Number(delivery.timestamp) + 1) }).ok).toBe(false);
    expect(check({ keyId: undefined }, freshSigner().publicKeyPem).problems).toEqual([
      'the signature does not verify: the body or timestamp was changed, or another key signed',
    ]);
    expect(check({}, freshSigner().publicKeyPem).problems[0]).toMatch(/^signed with key /);
    expect(check({}, signer.publicKeyPem, new Date(at.getTime() + 301_000)).problems).toEqual([
      'the timestamp is 301 s away from now (at most 300 s)',
    ]);
    expect(check({ signature: undefined }).problems).toEqual([`${WEBHOOK_HEADERS.signature} is missing`]);
  });
});
