import { listPendingInbox } from '@switchyard/db';
import { parseWebhook } from '@switchyard/tiktok-shop';
import { routeMarketplaceEvent } from '@switchyard/workflows';
import type { ApiDeps } from '../deps.ts';
import { handOn } from './hand-on.ts';

/**
 * R-IN-1: a notification is stored before the 200 goes out, but handing it on (starting or
 * signalling a workflow) can fail, e.g. while Temporal is unreachable. The sweep retries every
 * stored notification not handed on after `olderThanMs`, until it is parked (see handOn).
 * Routing is idempotent, so several api replicas sweeping at once change nothing twice.
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
  let parked = 0;
  for (const r of rows) {
    const outcome = await handOn(
      deps,
      {
        tenantId: r.tenant_id,
        shopId: r.shop_id,
        notificationId: r.notification_id,
        attempts: r.attempts,
      },
      (scope) => routeMarketplaceEvent(deps, scope, parseWebhook(r.payload)),
    );
    if (outcome === 'routed') routed++;
    else if (outcome === 'parked') parked++;
  }
  return { pending: rows.length, routed, parked };
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
