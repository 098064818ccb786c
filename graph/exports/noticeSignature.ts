import { createPublicKey, verify } from 'node:crypto';
import { NoticeBody, WEBHOOK_HEADERS, WEBHOOK_TOLERANCE_SECONDS } from '../../src/domain/notices';
import { type BundleSigner, keyIdOf } from './signing';

/*
 * Webhook deliveries are signed with the key that signs bundles, which partners already pin: the
 * signature covers the timestamp and the exact bytes of the body, so neither can be changed or a
 * recorded delivery replayed later without the receiver noticing.
 */

const signedText = (timestamp: string, rawBody: string | Buffer) =>
  Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody)]);

/** The body of a notice's delivery: its fields in the schema's order, so every attempt sends the same bytes. */
export function noticeWireBody(notice: NoticeBody): string {
  return JSON.stringify(NoticeBody.parse(notice));
}

/** The headers that sign one delivery attempt at `now`. */
export function signNoticeDelivery(
  noticeId: string,
  rawBody: string,
  signer: BundleSigner,
  now = new Date(),
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    [WEBHOOK_HEADERS.noticeId]: noticeId,
    [WEBHOOK_HEADERS.timestamp]: timestamp,
    [WEBHOOK_HEADERS.keyId]: signer.keyId,
    [WEBHOOK_HEADERS.signature]: signer.sign(signedText(timestamp, rawBody)),
  };
}

export interface NoticeVerification {
  ok: boolean;
  /** The notice, when the delivery verified: a receiver drops one whose id it has seen already. */
  notice: NoticeBody | null;
  problems: string[];
}

/**
 * What a receiver checks before acting on a delivery, pure apart from the clock it is given: the
 * signature verifies with the issuer's public key over `${timestamp}.${rawBody}`, the key id is that
 * key's, the timestamp is within `toleranceSeconds` of `now` (either way), and the body is a notice.
 * Replays inside the window are the receiver's to drop, by notice id.
 */
export function verifyNoticeDelivery(
  delivery: { rawBody: string | Buffer; timestamp: string | undefined; signature: string | undefined; keyId?: string },
  publicKeyPem: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): NoticeVerification {
  const fail = (problem: string): NoticeVerification => ({ ok: false, notice: null, problems: [problem] });
  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    return fail('the public key given is not a PEM public key');
  }
  const { timestamp, signature } = delivery;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return fail(`${WEBHOOK_HEADERS.timestamp} is missing or malformed`);
  if (!signature) return fail(`${WEBHOOK_HEADERS.signature} is missing`);
  if (delivery.keyId !== undefined && delivery.keyId !== keyIdOf(key))
    return fail(`signed with key ${delivery.keyId}, not with the given key ${keyIdOf(key)}`);
  let valid: boolean;
  try {
    valid = verify(null, signedText(timestamp, delivery.rawBody), key, Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return fail('the signature does not verify: the body or timestamp was changed, or another key signed');
  const age = Math.abs((options.now ?? new Date()).getTime() / 1000 - Number(timestamp));
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  if (age > tolerance) return fail(`the timestamp is ${Math.round(age)} s away from now (at most ${tolerance} s)`);
  let parsed: ReturnType<typeof NoticeBody.safeParse>;
  try {
    parsed = NoticeBody.safeParse(JSON.parse(delivery.rawBody.toString()));
  } catch {
    return fail('the body is not JSON');
  }
  if (!parsed.success) return fail('the body is not a notice');
  return { ok: true, notice: parsed.data, problems: [] };
}
