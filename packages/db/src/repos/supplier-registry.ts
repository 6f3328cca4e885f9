import { sql } from 'kysely';
import type { Trx } from '../client.ts';
import { type PageRequest, pageByKeyset } from '../keyset.ts';

/** One catalog row of a supplier's stock and cost feed, already validated. */
export interface SupplierItemRow {
  supplierItemCode: string;
  stock: number;
  unitCostMinor: number;
}

/**
 * Writes a supplier's stock and cost feed (R-RT-1 data) in the supplier's scope: new codes are
 * added, known ones replaced. Run it inside withSupplier; RLS refuses another supplier's rows.
 */
export async function upsertSupplierItems(
  trx: Trx,
  supplierId: string,
  rows: readonly SupplierItemRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('supplier_items')
    .values(
      rows.map((r) => ({
        supplier_id: supplierId,
        supplier_item_code: r.supplierItemCode,
        stock: r.stock,
        unit_cost_minor: r.unitCostMinor,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['supplier_id', 'supplier_item_code']).doUpdateSet((eb) => ({
        stock: eb.ref('excluded.stock'),
        unit_cost_minor: eb.ref('excluded.unit_cost_minor'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
}

/** Writes a supplier's parcel rates by destination and channel, in the supplier's scope. */
export async function upsertSupplierRates(
  trx: Trx,
  supplierId: string,
  rows: ReadonlyArray<{ country: string; carrier: string; parcelCostMinor: number }>,
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('supplier_rates')
    .values(
      rows.map((r) => ({
        supplier_id: supplierId,
        country: r.country,
        carrier: r.carrier,
        parcel_cost_minor: r.parcelCostMinor,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['supplier_id', 'country', 'carrier']).doUpdateSet((eb) => ({
        parcel_cost_minor: eb.ref('excluded.parcel_cost_minor'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
}

/** A tenant pins a supplier (at `position`, best first), excludes it, or clears either. */
export async function setSupplierPreference(
  trx: Trx,
  tenantId: string,
  supplierId: string,
  preference: { kind: 'pin'; position: number } | { kind: 'exclude' } | null,
): Promise<void> {
  if (!preference) {
    await trx
      .deleteFrom('supplier_preferences')
      .where('tenant_id', '=', tenantId)
      .where('supplier_id', '=', supplierId)
      .execute();
    return;
  }
  const position = preference.kind === 'pin' ? preference.position : 0;
  await trx
    .insertInto('supplier_preferences')
    .values({ tenant_id: tenantId, supplier_id: supplierId, kind: preference.kind, position })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'supplier_id']).doUpdateSet({ kind: preference.kind, position }),
    )
    .execute();
}

/**
 * The network's active suppliers as a tenant sees them: who they are, where and how they ship,
 * and the tenant's own pin or exclusion (RLS: run in the tenant's transaction), by code.
 */
export function listNetworkSuppliers(trx: Trx, page: PageRequest) {
  return pageByKeyset(
    trx
      .selectFrom('suppliers as s')
      .leftJoin('supplier_preferences as p', 'p.supplier_id', 's.id')
      .select([
        's.id',
        's.code',
        's.name',
        's.countries',
        's.carriers',
        's.time_zone',
        's.cutoff_minute',
        's.handling_days',
        'p.kind as preference',
        'p.position',
      ])
      .where('s.active', '=', true),
    {
      columns: [
        { ref: 's.code', kind: 'text' },
        { ref: 's.id', kind: 'uuid' },
      ],
      direction: 'asc',
    },
    page,
  );
}

/** Whether an active supplier has this id (a tenant can only prefer one of the network). */
export async function isActiveSupplier(trx: Trx, supplierId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('suppliers')
    .select('id')
    .where('id', '=', supplierId)
    .where('active', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these codes the supplier's catalog has. */
export async function knownItemCodes(
  trx: Trx,
  supplierId: string,
  codes: readonly string[],
): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await trx
    .selectFrom('supplier_items')
    .select('supplier_item_code')
    .where('supplier_id', '=', supplierId)
    .where('supplier_item_code', 'in', [...new Set(codes)])
    .execute();
  return new Set(rows.map((r) => r.supplier_item_code));
}

/**
 * Applies a checked stock feed in the supplier's scope: rows with a cost are added or
 * replaced, rows without one change the stock of an item the catalog has and keep its cost.
 */
export async function applyStockFeed(
  trx: Trx,
  supplierId: string,
  updates: ReadonlyArray<{
    supplierItemCode: string;
    stock: number;
    unitCostMinor: number | null;
    weightGrams?: number | null;
  }>,
): Promise<void> {
  const priced = updates.filter((u) => u.unitCostMinor !== null);
  await upsertSupplierItems(
    trx,
    supplierId,
    priced.map((u) => ({ ...u, unitCostMinor: u.unitCostMinor! })),
  );
  // A weight sent sets the item's; none sent keeps what the catalog has.
  const weighed = updates.filter((u) => u.weightGrams != null);
  if (weighed.length > 0)
    await sql`
      update supplier_items i set weight_grams = u.grams, updated_at = now()
      from unnest(${weighed.map((u) => u.supplierItemCode)}::text[],
                  ${weighed.map((u) => u.weightGrams)}::int[]) as u(code, grams)
      where i.supplier_id = ${supplierId} and i.supplier_item_code = u.code`.execute(trx);
  const stockOnly = updates.filter((u) => u.unitCostMinor === null);
  if (stockOnly.length === 0) return;
  await sql`
    update supplier_items i set stock = u.stock, updated_at = now()
    from unnest(${stockOnly.map((u) => u.supplierItemCode)}::text[],
                ${stockOnly.map((u) => u.stock)}::int[]) as u(code, stock)
    where i.supplier_id = ${supplierId} and i.supplier_item_code = u.code`.execute(trx);
}

/** Counts of one supplier's local day: capacity used and the scorecard's outcomes. */
export type SupplierDayCounts = Partial<{
  dispatched: number;
  ackedInTime: number;
  shipped: number;
  shippedOnTime: number;
  validTracking: number;
}>;

/**
 * Adds to the supplier's counts of today, its own local day (R-RT-1: capacity and record). Call
 * it once per outcome, in the transaction that records the outcome, so a retried step that
 * finds its outcome recorded counts nothing. Concurrent outcomes of one supplier queue on its
 * day's row for the length of their transactions.
 */
export async function addSupplierDay(
  trx: Trx,
  supplierId: string,
  c: SupplierDayCounts,
): Promise<void> {
  const v = {
    dispatched: c.dispatched ?? 0,
    acked: c.ackedInTime ?? 0,
    shipped: c.shipped ?? 0,
    onTime: c.shippedOnTime ?? 0,
    valid: c.validTracking ?? 0,
  };
  await sql`
    insert into supplier_days as d (supplier_id, day, dispatched, acked_in_time, shipped,
      shipped_on_time, valid_tracking)
    select s.id, (now() at time zone s.time_zone)::date, ${v.dispatched}::int, ${v.acked}::int,
      ${v.shipped}::int, ${v.onTime}::int, ${v.valid}::int
    from suppliers s where s.id = ${supplierId}
    on conflict (supplier_id, day) do update set
      dispatched = d.dispatched + excluded.dispatched,
      acked_in_time = d.acked_in_time + excluded.acked_in_time,
      shipped = d.shipped + excluded.shipped,
      shipped_on_time = d.shipped_on_time + excluded.shipped_on_time,
      valid_tracking = d.valid_tracking + excluded.valid_tracking`.execute(trx);
}
