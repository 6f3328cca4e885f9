import type { Db } from '@switchyard/db';
import { sql } from 'kysely';
import { ascending, quantile } from './intake-load.ts';
import { treeCpuMs } from './order-costs.ts';

/** CPU-ms (user + system, process trees) of the named processes, read from /proc. */
export function cpuSnapshot(pids: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, pid ? treeCpuMs(pid) : Number.NaN]),
  );
}

export function cpuSince(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}

/** One order's times (epoch ms, the database's clock): shippable notification, dispatch, end. */
export interface OrderTimes {
  orderId: string;
  workflowId: string | null;
  webhook: number | null;
  recorded: number | null;
  dispatched: number | null;
  completed: number | null;
}

/**
 * Per order: when the api stored its AWAITING_SHIPMENT notification (the one that starts the
 * workflow), its first dispatch to a supplier, and its completion. Read as superuser: the
 * benchmark looks across tenants.
 */
export async function orderTimes(admin: Db, platformOrderIds: readonly string[]) {
  const { rows } = await sql<{
    order_id: string;
    workflow_id: string | null;
    webhook: Date | null;
    recorded: Date | null;
    dispatched: Date | null;
    completed: Date | null;
  }>`
    with ids as (select unnest(${platformOrderIds as string[]}::text[]) as order_id),
    hooks as (
      select payload->'data'->>'order_id' as order_id, min(received_at) as at
      from webhook_inbox
      where payload->'data'->>'order_status' = 'AWAITING_SHIPMENT'
      group by 1
    )
    select ids.order_id, o.workflow_id, h.at as webhook,
      (select min(e.at) from order_events e where e.order_id = o.id and e.kind = 'received') as recorded,
      (select min(e.at) from order_events e where e.order_id = o.id and e.kind = 'dispatched') as dispatched,
      (select min(e.at) from order_events e where e.order_id = o.id and e.kind = 'completed') as completed
    from ids
    left join hooks h on h.order_id = ids.order_id
    left join orders o on o.platform_order_id = ids.order_id
  `.execute(admin);
  const ms = (d: Date | null) => (d ? new Date(d).getTime() : null);
  return rows.map(
    (r): OrderTimes => ({
      orderId: r.order_id,
      workflowId: r.workflow_id,
      webhook: ms(r.webhook),
      recorded: ms(r.recorded),
      dispatched: ms(r.dispatched),
      completed: ms(r.completed),
    }),
  );
}

/** Orders of `ids` that have completed. */
export async function completedCount(admin: Db, ids: readonly string[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from orders
    where status = 'completed' and platform_order_id = any(${ids as string[]}::text[])
  `.execute(admin);
  return rows[0]?.n ?? 0;
}

/**
 * Samples the CPU of `pids` every `everyMs` until stopped; then, per process, its busiest
 * interval and its mean, in % of one core: a process near 100 % is the bottleneck.
 */
export function sampleCpu(pids: Record<string, number | undefined>, everyMs = 2000) {
  const peaks: Record<string, number> = {};
  const t0 = performance.now();
  const first = cpuSnapshot(pids);
  let prev = first;
  let at = t0;
  const timer = setInterval(() => {
    const now = cpuSnapshot(pids);
    const t = performance.now();
    for (const [k, v] of Object.entries(cpuSince(prev, now)))
      peaks[k] = Math.max(peaks[k] ?? 0, (100 * v) / (t - at));
    prev = now;
    at = t;
  }, everyMs);
  return () => {
    clearInterval(timer);
    const spent = cpuSince(first, prev);
    const mean = Object.fromEntries(
      Object.entries(spent).map(([k, v]) => [k, (100 * v) / (at - t0)]),
    );
    return { peaks, mean };
  };
}

/** p50 / p99 (ms) of `to − from` over the orders that have both. */
export function latency(times: readonly OrderTimes[], to: 'recorded' | 'dispatched' | 'completed') {
  const xs = ascending(
    times.flatMap((t) => (t.webhook !== null && t[to] !== null ? [t[to]! - t.webhook] : [])),
  );
  return { p50: quantile(xs, 0.5), p99: quantile(xs, 0.99), n: xs.length };
}

/** Throughput over the span from the first shippable notification to the last completion. */
export function ordersPerSecond(times: readonly OrderTimes[]) {
  const done = times.filter((t) => t.completed !== null);
  const first = Math.min(...times.flatMap((t) => (t.webhook === null ? [] : [t.webhook])));
  const last = Math.max(...done.map((t) => t.completed!));
  return { rate: (done.length * 1000) / (last - first), spanMs: last - first, done: done.length };
}

/** Waits until `check` says all are done, progress stalls for `stallMs`, or `timeoutMs` passes. */
export async function waitAll(
  check: () => Promise<number>,
  total: number,
  opts: { timeoutMs: number; stallMs: number; everyMs?: number },
): Promise<number> {
  const deadline = Date.now() + opts.timeoutMs;
  let last = -1;
  let lastMoved = Date.now();
  for (;;) {
    const n = await check();
    if (n !== last) {
      last = n;
      lastMoved = Date.now();
    }
    if (n >= total || Date.now() > deadline || Date.now() - lastMoved > opts.stallMs) return n;
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 500));
  }
}
