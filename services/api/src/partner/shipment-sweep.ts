import type { Db } from '@switchyard/db';
import type { Logger } from '@switchyard/observability';
import { sweepSupplierShipments } from '@switchyard/workflows';
import type { Client } from '@temporalio/client';

/** At most this many shipments are woken by one pass; the next pass takes the rest. */
const BATCH = 200;

/**
 * R-SLA-3: wakes, every `everyMs`, the orders of suppliers' recorded shipments that their
 * workflows have not taken `rewakeAfterMs` after the last wake-up (a signal lost to a Temporal
 * restart or to an api that died between its commit and its signal). Several replicas may each
 * run one: a shipment woken twice is taken once. Returns stop().
 */
export function startShipmentSweep(
  deps: { db: Db; temporal: Client; log: Logger },
  opts: { everyMs: number; rewakeAfterMs: number },
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const pass = async () => {
    try {
      const woken = await sweepSupplierShipments(deps, {
        olderThanMs: opts.rewakeAfterMs,
        limit: BATCH,
      });
      if (woken > 0) deps.log.info({ woken }, 'supplier shipments woken again');
    } catch (err) {
      deps.log.warn({ err }, 'supplier shipment sweep stopped; next pass retries');
    }
  };
  const timer = setInterval(() => {
    running ??= pass().finally(() => {
      running = undefined;
    });
  }, opts.everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
