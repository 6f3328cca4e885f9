import type { Db } from '@switchyard/db';
import type { LaunchedPlatform } from '@switchyard/infra/launch-platform';
import { sql } from 'kysely';
import {
  checkInvariants,
  type InvariantReport,
  settledCount,
  waitInboxRouted,
} from './invariants.ts';
import { createOrders, readSimRecords } from './sim-records.ts';

export interface Batch {
  ids: string[];
  invariants: InvariantReport;
  /** First shippable notification to the last completion, in ms (the database's clock). */
  spanMs: number;
  completed: number;
}

/**
 * `n` orders at once, without faults: waits until each is finished or held (or nothing moves
 * for two minutes), then checks the same invariants as the chaos run.
 */
export async function runBatch(p: LaunchedPlatform, admin: Db, n: number): Promise<Batch> {
  const ids = await createOrders(p, n, 1000);
  let last = -1;
  let moved = Date.now();
  for (;;) {
    const settled = await settledCount(admin, ids);
    if (settled !== last) {
      last = settled;
      moved = Date.now();
    }
    if (settled >= ids.length || Date.now() - moved > 120_000) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await waitInboxRouted(admin);
  const sims = await readSimRecords(p, ids);
  const invariants = await checkInvariants(admin, ids, sims.records);
  const { rows } = await sql<{ first: Date | null; last: Date | null; completed: number }>`
    with o as (select id from orders where platform_order_id = any(${ids}::text[]))
    select
      (select min(received_at) from webhook_inbox
        where payload->'data'->>'order_id' = any(${ids}::text[])
          and payload->'data'->>'order_status' = 'AWAITING_SHIPMENT') as first,
      (select max(at) from order_events where kind = 'completed' and order_id in (select id from o)) as last,
      (select count(*)::int from order_events where kind = 'completed' and order_id in (select id from o)) as completed
  `.execute(admin);
  const r = rows[0];
  const spanMs =
    r?.first && r.last ? new Date(r.last).getTime() - new Date(r.first).getTime() : Number.NaN;
  return { ids, invariants, spanMs, completed: r?.completed ?? 0 };
}
