import { listPendingInbox, markInboxProcessed, withTenant } from '@switchyard/db';
import { parseWebhook } from '@switchyard/tiktok-shop';
import type { ApiDeps } from '../deps.ts';
import { routeMarketplaceEvent } from './route-event.ts';

/**
 * R-IN-1: a notification is stored before the 200 goes out, but handing it on (starting or
 * signalling a workflow) can fail, e.g. while Temporal is unreachable. The sweep retries every
 * stored notification not handed on after `olderThanMs`. Routing is idempotent, so several api
 * replicas sweeping at once change nothing twice.
 */
export async function sweepInbox(
  deps: ApiDeps,
  opts: { olderThanMs?: number; limit?: number } = {},
) {
  const rows = await listPendingInbox(
    deps.db,
    new Date(Date.now() - (opts.olderThanMs ?? 10_000)),
    opts.limit ?? 200,
  );
  let routed = 0;
  for (const r of rows) {
    try {
      await routeMarketplaceEvent(
        deps,
        { tenantId: r.tenant_id, shopId: r.shop_id },
        parseWebhook(r.payload),
      );
      await withTenant(deps.db, r.tenant_id, (trx) => markInboxProcessed(trx, r.notification_id));
      routed++;
    } catch (err) {
      deps.log.warn(
        { err, notificationId: r.notification_id },
        'inbox sweep: routing failed, will retry',
      );
    }
  }
  return { pending: rows.length, routed };
}

/** Runs the sweep on an interval; returns a function that stops it. */
export function startInboxSweeper(deps: ApiDeps, everyMs = 30_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepInbox(deps)
      .catch((err) => deps.log.error({ err }, 'inbox sweep failed'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
