import { sql } from 'kysely';
import type { Trx } from '../client.ts';
import { encodeCursor, keysetPage, type PageRequest, pageByKeyset } from '../keyset.ts';
import type { DispatchStatus, DispatchStockState, OrderStatus, SupplierLine } from '../schema.ts';

/** Records a dispatch once; the id is derived from the workflow and attempt. */
export async function insertDispatch(
  trx: Trx,
  v: {
    id: string;
    tenantId: string;
    orderId: string;
    supplierId: string;
    workflowId: string;
    attempt: number;
    /** R-SLA-2: the acknowledgement deadline the supplier is given. */
    ackDueAt?: Date;
    /** R-RT-1 split: the line group it carries and its lines; absent, the whole order. */
    group?: { index: number; lines: readonly SupplierLine[] };
  },
) {
  const row = await trx
    .insertInto('dispatches')
    .values({
      id: v.id,
      tenant_id: v.tenantId,
      order_id: v.orderId,
      supplier_id: v.supplierId,
      workflow_id: v.workflowId,
      attempt: v.attempt,
      ack_due_at: v.ackDueAt ?? null,
      line_group: v.group?.index ?? null,
      lines: v.group ? JSON.stringify(v.group.lines) : null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  // False for a retried step that finds its dispatch written already.
  return row !== undefined;
}

/** Visible only inside withSupplier for its supplier, or withTenant for its tenant (RLS). */
export async function getDispatch(trx: Trx, id: string) {
  return trx.selectFrom('dispatches').selectAll().where('id', '=', id).executeTakeFirst();
}

// An order that ended waits for no answer from any supplier.
const CLOSED_ORDER = ['completed', 'cancelled', 'failed'] as const satisfies OrderStatus[];

// A dispatch read as `d` is the latest of its order: no dispatch was made after it, as one is
// when a call is given up and the order re-routed. A split order's line groups go out side by
// side: a group's dispatch is superseded by a later one of the same group only (R-RT-1).
const latestOfOrder = sql<boolean>`not exists (
  select from dispatches later
  where later.order_id = d.order_id
    and later.line_group is not distinct from d.line_group
    and (later.created_at > d.created_at or later.attempt > d.attempt))`;

/** The supplier lines a dispatch carries: its line group's, or else the whole order's. */
export function dispatchLines(
  dispatch: { lines: SupplierLine[] | null },
  order: { supplier_lines: SupplierLine[] },
): SupplierLine[] {
  return dispatch.lines ?? order.supplier_lines;
}
// The order of a dispatch read as `d` has not ended.
const orderOpen = sql<boolean>`exists (
  select from orders o
  where o.id = d.order_id and o.status not in (${sql.join(CLOSED_ORDER)}))`;

/**
 * Acknowledges a dispatch that is `sent`, the latest of its order, and of an order that has not
 * ended (R-SLA-2). Returns its supplier, or undefined when the dispatch was not waiting for an
 * acknowledgement.
 */
export async function markDispatchAcknowledged(
  trx: Trx,
  id: string,
  expectedShipAt: Date | null,
): Promise<{ supplierId: string; supplierCode: string; createdAt: Date } | undefined> {
  return trx
    .updateTable('dispatches as d')
    .from('suppliers as s')
    .set({ status: 'acknowledged', acked_at: new Date(), expected_ship_at: expectedShipAt })
    .whereRef('s.id', '=', 'd.supplier_id')
    .where('d.id', '=', id)
    .where('d.status', '=', 'sent')
    .where(latestOfOrder)
    .where(orderOpen)
    .returning([
      'd.supplier_id as supplierId',
      's.code as supplierCode',
      'd.created_at as createdAt',
    ])
    .executeTakeFirst();
}

/** A dispatch's status, whether it is the latest of its order, and whether its order is open. */
export async function getDispatchStanding(trx: Trx, id: string) {
  return trx
    .selectFrom('dispatches as d')
    .select(['d.status', latestOfOrder.as('latest'), orderOpen.as('orderOpen')])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export async function markDispatchShipped(
  trx: Trx,
  id: string,
  trackingNumber: string,
  carrier: string,
) {
  // The dispatch as it was shipped; undefined when it was shipped (or closed) before.
  const shipped = await trx
    .updateTable('dispatches')
    .set({ status: 'shipped', shipped_at: new Date(), tracking_number: trackingNumber, carrier })
    .where('id', '=', id)
    .where('status', 'in', ['sent', 'acknowledged'])
    .returning(['supplier_id as supplierId', 'created_at as createdAt'])
    .executeTakeFirst();
  if (shipped) await settleDispatchStock(trx, id, 'consumed');
  return shipped;
}

export async function markDispatchRejected(trx: Trx, id: string) {
  await trx
    .updateTable('dispatches')
    .set({ status: 'rejected' })
    .where('id', '=', id)
    .where('status', 'in', ['sent', 'acknowledged'])
    .execute();
  await settleDispatchStock(trx, id, 'released');
}

/**
 * Takes a dispatch back, unless it has shipped; with `ifUnanswered`, also unless the supplier
 * has acknowledged it. `taken`: this call withdrew it (again, for a retried one). `kept`: it
 * stays with its supplier, as it reads acknowledged or shipped.
 */
/**
 * R-RT-1: reserves the dispatch's units at its supplier, once (a retry finds them held).
 * False when one of its items is short, or not stocked there at all.
 */
export async function reserveDispatchStock(trx: Trx, dispatchId: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    select move_dispatch_stock(${dispatchId}, 'held') as ok`.execute(trx);
  return rows[0]?.ok === true;
}

/**
 * Gives the dispatch's held units back (withdrawn, rejected, cancelled) or consumes them from the
 * supplier's stock (shipped). Moves nothing unless they are held, so it may be called again.
 */
export async function settleDispatchStock(
  trx: Trx,
  dispatchId: string,
  to: Exclude<DispatchStockState, 'held'>,
): Promise<void> {
  await sql`select move_dispatch_stock(${dispatchId}, ${to})`.execute(trx);
}

export async function markDispatchWithdrawn(
  trx: Trx,
  id: string,
  opts: { ifUnanswered?: boolean | undefined } = {},
): Promise<{ taken: boolean; kept: boolean }> {
  const answered: DispatchStatus[] = opts.ifUnanswered ? ['acknowledged', 'shipped'] : ['shipped'];
  const taken = await trx
    .updateTable('dispatches')
    .set({ status: 'withdrawn' })
    .where('id', '=', id)
    .where('status', 'not in', answered)
    .returning('id')
    .executeTakeFirst();
  if (taken) {
    await settleDispatchStock(trx, id, 'released');
    return { taken: true, kept: false };
  }
  // Answered, or never written (a call that failed before it recorded the dispatch).
  const row = await trx
    .selectFrom('dispatches')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirst();
  return { taken: false, kept: row !== undefined && answered.includes(row.status) };
}

/** The pull listing's order: creation time, the dispatch id breaking ties. */
const SUPPLIER_DISPATCH_KINDS = ['timestamptz', 'text'] as const;

/** What a supplier's listings show of each of its dispatches (pull API and portal). */
const SUPPLIER_DISPATCH_COLUMNS = [
  'id',
  'tenant_id',
  'order_id',
  'status',
  'created_at',
  'acked_at',
  'ack_due_at',
  'shipped_at',
  'expected_ship_at',
  'tracking_number',
  'carrier',
  'lines',
] as const;

/**
 * A supplier's dispatches, oldest first, one keyset page at a time (R-RT-2, pull). Run inside
 * withSupplier: row-level security shows a supplier only the dispatches addressed to it, and
 * the supplier id is compared too so that the index serves the listing.
 *
 * `lastCursor` names the last row returned, or is the cursor given when none was: unlike a
 * page's `nextCursor`, it is there on the last page too, so a puller keeps it and asks again
 * later for what is new since.
 * @throws InvalidCursorError for a cursor this listing did not hand out.
 */
export async function listSupplierDispatches(
  trx: Trx,
  supplierId: string,
  v: { status?: DispatchStatus | undefined; page: PageRequest },
) {
  const page = await keysetPage(
    SUPPLIER_DISPATCH_KINDS,
    v.page,
    (after, limit) => {
      let q = trx
        .selectFrom('dispatches')
        .select([...SUPPLIER_DISPATCH_COLUMNS, sql<string>`created_at::text`.as('created_key')])
        .where('supplier_id', '=', supplierId)
        .orderBy('created_at')
        .orderBy('id');
      if (v.status) q = q.where('status', '=', v.status);
      if (after)
        q = q.where(sql<boolean>`(created_at, id) > (${after[0]}::timestamptz, ${after[1]})`);
      return q.limit(limit).execute();
    },
    (row) => [row.created_key, row.id],
  );
  const last = page.items.at(-1);
  return {
    items: page.items,
    hasMore: page.nextCursor !== null,
    lastCursor: last ? encodeCursor([last.created_key, last.id]) : (v.page.cursor ?? null),
  };
}

/**
 * A supplier's dispatches for its portal page, open ones first: those waiting for an
 * acknowledgement, then those acknowledged and waiting for tracking, then the closed ones;
 * oldest first within each, as the oldest is the most urgent. Keyset pages over
 * (rank, created_at, id). Run inside withSupplier: only its own rows exist.
 */
export async function listSupplierDispatchBoard(trx: Trx, supplierId: string, page: PageRequest) {
  const ranked = trx
    .selectFrom('dispatches')
    .select([
      ...SUPPLIER_DISPATCH_COLUMNS,
      sql<string>`case status when 'sent' then 0 when 'acknowledged' then 1 else 2 end::bigint`.as(
        'rank',
      ),
    ])
    .where('supplier_id', '=', supplierId)
    .as('d');
  return pageByKeyset(
    trx.selectFrom(ranked).selectAll('d'),
    {
      columns: [
        { ref: 'd.rank', kind: 'bigint' },
        { ref: 'd.created_at', kind: 'timestamptz' },
        { ref: 'd.id', kind: 'text' },
      ],
      direction: 'asc',
    },
    page,
  );
}
