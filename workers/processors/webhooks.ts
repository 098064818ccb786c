import { UnrecoverableError } from 'bullmq';
import type { Graph } from '../../graph/driver';
import { noticeWireBody, signNoticeDelivery } from '../../graph/exports/noticeSignature';
import { deliveryOf, recordDelivery } from '../../graph/exports/notices';
import type { BundleSigner } from '../../graph/exports/signing';
import type { QueueJob } from '../queues';

export interface WebhookDeps {
  graph: Graph;
  /** The hub's bundle signer: partners check deliveries with the key they already pin. */
  signer: BundleSigner;
  /** How long one attempt may take, connection and answer together. */
  timeoutMs: number;
}

export type WebhookOutcome = { delivered: boolean; skipped?: 'delivered already' | 'no webhook' };

/** Network failures in words: never an error code the job runner takes for Neo4j or Redis being away. */
const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the receiver refused the connection',
  ECONNRESET: 'the receiver reset the connection',
  ETIMEDOUT: 'the connection timed out',
  ENOTFOUND: "the receiver's host name does not resolve",
  EAI_AGAIN: "the receiver's host name could not be resolved just now",
  UND_ERR_SOCKET: 'the receiver closed the connection',
  UND_ERR_HEADERS_TIMEOUT: 'the receiver did not answer in time',
};

function unreachable(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return `the receiver did not answer within ${timeoutMs} ms`;
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return (code && NETWORK_WORDS[code]) ?? 'the receiver could not be reached';
}

/**
 * One delivery attempt of a notice to its partner's webhook: a signed POST that is never redirected and
 * gives up after `timeoutMs`. A 2xx answer delivers it; anything else is recorded on the notice and
 * thrown, so that the queue retries with backoff. Idempotent: a delivered notice is not sent again, and
 * a receiver that gets one twice (an answer lost on the way back) knows it by its id.
 */
export function webhooksProcessor(deps: WebhookDeps) {
  return async (job: QueueJob<'webhooks'>): Promise<WebhookOutcome> => {
    const found = await deliveryOf(deps.graph, job.data.noticeId);
    if (!found) throw new UnrecoverableError(`notice ${job.data.noticeId} does not exist`);
    const { notice, webhookUrl } = found;
    const attempts = notice.delivery.attempts + 1;
    if (notice.delivery.status === 'delivered') return { delivered: true, skipped: 'delivered already' };
    if (!webhookUrl) {
      await recordDelivery(deps.graph, notice.id, { status: 'none', attempts: notice.delivery.attempts, error: null });
      return { delivered: false, skipped: 'no webhook' };
    }
    const body = noticeWireBody(notice);
    let problem: string;
    try {
      const res = await fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Lantern-Webhook',
          ...signNoticeDelivery(notice.id, body, deps.signer),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
      await res.body?.cancel();
      if (res.ok) {
        await recordDelivery(deps.graph, notice.id, { status: 'delivered', attempts, error: null });
        return { delivered: true };
      }
      problem =
        res.status >= 300 && res.status < 400
          ? `the receiver answered ${res.status}, a redirect, which is not followed`
          : `the receiver answered ${res.status}`;
    } catch (err) {
      problem = unreachable(err, deps.timeoutMs);
    }
    await recordDelivery(deps.graph, notice.id, { status: 'pending', attempts, error: problem });
    throw new Error(`webhook delivery of ${notice.id} failed: ${problem}`);
  };
}

/** A delivery out of attempts stays on its notice as `failed`, with what its last attempt met. */
export function webhookFailedForGood(graph: Graph) {
  return async (job: QueueJob<'webhooks'>, error: Error): Promise<void> => {
    const found = await deliveryOf(graph, job.data.noticeId);
    if (!found || found.notice.delivery.status === 'delivered') return;
    await recordDelivery(graph, job.data.noticeId, {
      status: 'failed',
      attempts: found.notice.delivery.attempts,
      error: found.notice.delivery.error ?? error.message,
    });
  };
}
