import {
  claimDueAlerts,
  type Db,
  markAlertDelivered,
  markAlertDeliveryFailed,
} from '@switchyard/db';
import { signSupplierWebhook } from '@switchyard/suppliers';

/** Where the on-call's tooling (pager, chat bridge) takes alerts, and the secret it verifies. */
export interface OperatorWebhook {
  url: string;
  /** `whsec_…`: the body is signed per Standard Webhooks, as our supplier pushes are. */
  signingSecret: string;
}

export interface AlertDeliveryDeps {
  db: Db;
  webhook: OperatorWebhook;
  fetch?: typeof globalThis.fetch;
  /** Waits after the 1st, 2nd … failed attempt; past the last, the webhook gives up on it. */
  retryScheduleMs?: readonly number[];
  timeoutMs?: number;
  onError?: (err: unknown) => void;
}

/** About a day of retries: the alert stays listed by ops.alerts.list whatever happens. */
export const ALERT_RETRY_SCHEDULE_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000];
const BATCH = 20;
/** A claimed alert is not claimed again for this long, so two workers never both send it. */
const LEASE_MS = 60_000;

/**
 * Pushes operator alerts to the operator webhook (issue 10 item 4; outbound practice of
 * reliability-security.md): signed, `webhook-id` = `alert_<id>` on every attempt so the
 * receiver dedupes retries, a 2xx delivers it, anything else is retried on a backoff schedule;
 * each attempt is counted on the alert with its last error.
 */
export function createAlertDelivery(deps: AlertDeliveryDeps) {
  const doFetch = deps.fetch ?? globalThis.fetch;
  const schedule = deps.retryScheduleMs ?? ALERT_RETRY_SCHEDULE_MS;

  async function send(a: Awaited<ReturnType<typeof claimDueAlerts>>[number]): Promise<void> {
    const id = `alert_${a.id}`;
    const body = JSON.stringify({
      type: 'operator.alert',
      alert_id: String(a.id),
      kind: a.kind,
      message: a.message,
      supplier_id: a.supplier_id,
      tenant_id: a.tenant_id,
      order_id: a.order_id,
      detail: a.detail,
      created_at: new Date(a.created_at).toISOString(),
    });
    const timestamp = Math.floor(Date.now() / 1000);
    let error: string;
    try {
      const res = await doFetch(deps.webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signSupplierWebhook({
            secret: deps.webhook.signingSecret,
            id,
            timestamp,
            body,
          }),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
      await res.body?.cancel();
      if (res.ok) return markAlertDelivered(deps.db, a.id);
      error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    await markAlertDeliveryFailed(deps.db, a.id, error, schedule[a.delivery_attempts] ?? null);
  }

  /** One pass: every alert due now, a batch at a time. */
  async function deliverDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await claimDueAlerts(deps.db, BATCH, LEASE_MS);
      for (const a of due) await send(a);
      sent += due.length;
      if (due.length < BATCH) return sent;
    }
  }

  return {
    deliverDue,
    /** Runs a pass every `everyMs` until stopped; a failed pass is reported and the next runs. */
    start(everyMs: number) {
      let running: Promise<unknown> = Promise.resolve();
      const timer = setInterval(() => {
        running = running.then(() => deliverDue().catch((err) => deps.onError?.(err)));
      }, everyMs);
      return {
        async stop() {
          clearInterval(timer);
          await running;
        },
      };
    },
  };
}
