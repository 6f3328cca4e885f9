import type { Db } from '@switchyard/db';
import { sql } from 'kysely';

/** The end states an order may be left in: finished, or on hold with the reason recorded. */
const TERMINAL = ['completed', 'cancelled', 'failed'];

export interface SimRecords {
  /** The marketplace's packages per order id (each one a push-back it accepted). */
  packages: Map<string, number>;
  /** What the supplier accepted (each a new dispatch; duplicates it deduped are not here). */
  supplierAccepted: Array<{ dispatchId: string; orderNumber: string }>;
}

export interface InvariantReport {
  orders: number;
  byStatus: Record<string, number>;
  /** Each line is one violated invariant, with the first offenders; empty when all hold. */
  violations: string[];
  counts: Record<string, number>;
}

/** Orders of `ids` that are finished or held with a reason, by the database. */
export async function settledCount(admin: Db, ids: readonly string[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from orders
    where platform_order_id = any(${ids as string[]}::text[])
      and (status = any(${TERMINAL}::text[])
        or (status = 'on_hold' and jsonb_array_length(holds) > 0))`.execute(admin);
  return rows[0]?.n ?? 0;
}

/**
 * The chaos suite's invariants, each read from the tables (as superuser, across tenants) and
 * from the simulators' own records, never inferred from how many orders reported success.
 */
export async function checkInvariants(
  admin: Db,
  ids: readonly string[],
  sims: SimRecords,
): Promise<InvariantReport> {
  const violations: string[] = [];
  const fail = (what: string, offenders: unknown[]) => {
    if (offenders.length)
      violations.push(
        `${what}: ${offenders.length} (${JSON.stringify(offenders.slice(0, 5)).slice(0, 600)})`,
      );
  };
  const idList = ids as string[];

  const { rows: orders } = await sql<{
    id: string;
    platform_order_id: string;
    status: string;
    holds: number;
  }>`
    select id, platform_order_id, status, jsonb_array_length(holds)::int as holds
    from orders where platform_order_id = any(${idList}::text[])`.execute(admin);
  const byStatus: Record<string, number> = {};
  for (const o of orders) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  const known = new Set(orders.map((o) => o.platform_order_id));
  fail(
    'orders the marketplace has that the platform never stored',
    ids.filter((id) => !known.has(id)),
  );
  fail(
    'orders neither finished nor held with a reason',
    orders
      .filter((o) => !TERMINAL.includes(o.status) && !(o.status === 'on_hold' && o.holds > 0))
      .map((o) => [o.platform_order_id, o.status]),
  );

  // Dispatches: one per order, attempt and line group; each accepted by the supplier once.
  const { rows: dispatches } = await sql<{
    id: string;
    order_id: string;
    platform_order_id: string;
    attempt: number;
    line_group: number | null;
    shipped: boolean;
  }>`
    select d.id, d.order_id, o.platform_order_id, d.attempt, d.line_group,
      d.shipped_at is not null as shipped
    from dispatches d join orders o on o.id = d.order_id
    where o.platform_order_id = any(${idList}::text[])`.execute(admin);
  const perAttempt = new Map<string, number>();
  for (const d of dispatches) {
    const k = `${d.platform_order_id}#${d.attempt}#${d.line_group ?? '-'}`;
    perAttempt.set(k, (perAttempt.get(k) ?? 0) + 1);
  }
  fail(
    'supplier attempts with more than one dispatch row',
    [...perAttempt].filter(([, n]) => n > 1),
  );
  // The supplier's order number is the marketplace's order id; other runs' orders are not ours.
  const ours = sims.supplierAccepted.filter((r) => idList.includes(r.orderNumber));
  const accepted = new Map<string, number>();
  for (const r of ours) accepted.set(r.dispatchId, (accepted.get(r.dispatchId) ?? 0) + 1);
  fail(
    'dispatches the supplier accepted more than once',
    [...accepted].filter(([, n]) => n > 1),
  );
  const dispatchIds = new Set(dispatches.map((d) => d.id));
  fail(
    'dispatches the supplier accepted that the platform has no row for',
    ours.filter((r) => !dispatchIds.has(r.dispatchId)).map((r) => r.dispatchId),
  );
  fail(
    'shipped dispatches the supplier never accepted',
    dispatches.filter((d) => d.shipped && !accepted.has(d.id)).map((d) => d.id),
  );

  // Push-back: the marketplace holds one package per shipped dispatch, none for the rest.
  const shippedPerOrder = new Map<string, number>();
  for (const d of dispatches)
    if (d.shipped)
      shippedPerOrder.set(d.platform_order_id, (shippedPerOrder.get(d.platform_order_id) ?? 0) + 1);
  fail(
    'orders whose package count at the marketplace differs from their shipped dispatches',
    ids
      .map((id) => [id, sims.packages.get(id) ?? 0, shippedPerOrder.get(id) ?? 0] as const)
      .filter(([, pkgs, shipped]) => pkgs !== shipped),
  );
  const completed = orders.filter((o) => o.status === 'completed');
  fail(
    'completed orders without exactly one package at the marketplace',
    completed
      .filter((o) => (sims.packages.get(o.platform_order_id) ?? 0) !== 1)
      .map((o) => o.platform_order_id),
  );

  // Ledger (R-BIL-1, R-BIL-3): one fee per completed order, one markup per shipped dispatch.
  const { rows: ledger } = await sql<{ order_id: string; kind: string; n: number }>`
    select l.order_id, l.kind, count(*)::int as n
    from ledger_entries l join orders o on o.id = l.order_id
    where o.platform_order_id = any(${idList}::text[])
      and l.kind in ('order_fee', 'logistics_markup')
    group by 1, 2`.execute(admin);
  const lines = (orderId: string, kind: string) =>
    ledger.find((l) => l.order_id === orderId && l.kind === kind)?.n ?? 0;
  const shippedOf = (o: { platform_order_id: string }) =>
    shippedPerOrder.get(o.platform_order_id) ?? 0;
  fail(
    'completed orders without exactly one order_fee',
    completed.filter((o) => lines(o.id, 'order_fee') !== 1).map((o) => o.platform_order_id),
  );
  fail(
    'completed orders without exactly one logistics_markup per shipped dispatch',
    completed
      .filter((o) => lines(o.id, 'logistics_markup') !== shippedOf(o))
      .map((o) => [o.platform_order_id, lines(o.id, 'logistics_markup'), shippedOf(o)]),
  );
  fail(
    'orders charged more than once',
    orders.filter((o) => lines(o.id, 'order_fee') > 1).map((o) => o.platform_order_id),
  );

  // The inbox: every notification routed; none waiting, none parked.
  const { rows: inbox } = await sql<{ total: number; unrouted: number; parked: number }>`
    select count(*)::int as total,
      count(*) filter (where processed_at is null)::int as unrouted,
      count(*) filter (where parked_at is not null)::int as parked
    from webhook_inbox`.execute(admin);
  const box = inbox[0] ?? { total: 0, unrouted: 0, parked: 0 };
  if (box.unrouted > 0) violations.push(`inbox rows left unrouted: ${box.unrouted}`);
  if (box.parked > 0) violations.push(`inbox rows parked: ${box.parked}`);

  // R-SLA-3: a shipment the partner API recorded (and answered 2xx) is taken by its workflow.
  const { rows: records } = await sql<{ platform_order_id: string; taken: boolean }>`
    select o.platform_order_id, s.taken_at is not null as taken
    from supplier_shipments s join orders o on o.id = s.order_id
    where o.platform_order_id = any(${idList}::text[])`.execute(admin);
  fail(
    'recorded supplier shipments of unfinished orders',
    records
      .filter(
        (r) =>
          !TERMINAL.includes(
            orders.find((o) => o.platform_order_id === r.platform_order_id)?.status ?? '',
          ),
      )
      .map((r) => r.platform_order_id),
  );

  const fees = ledger.filter((l) => l.kind === 'order_fee').reduce((a, l) => a + l.n, 0);
  const markups = ledger.filter((l) => l.kind === 'logistics_markup').reduce((a, l) => a + l.n, 0);
  return {
    orders: ids.length,
    byStatus,
    violations,
    counts: {
      'orders stored': orders.length,
      'dispatch rows': dispatches.length,
      'dispatches accepted by the supplier': ours.length,
      'shipped dispatches': [...shippedPerOrder.values()].reduce((a, b) => a + b, 0),
      'packages at the marketplace': ids.reduce((a, id) => a + (sims.packages.get(id) ?? 0), 0),
      'order_fee lines': fees,
      'logistics_markup lines': markups,
      'inbox rows': box.total,
      'inbox rows unrouted': box.unrouted,
      'inbox rows parked': box.parked,
      'supplier shipments recorded': records.length,
      'supplier shipments taken': records.filter((r) => r.taken).length,
    },
  };
}

/** Waits (a minute at most) until no inbox row waits to be routed. */
export async function waitInboxRouted(admin: Db): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from webhook_inbox where processed_at is null`.execute(admin);
    if ((rows[0]?.n ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
