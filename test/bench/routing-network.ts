import { createTenant, type Db, setSupplierPreference, withTenant } from '@switchyard/db';
import { sql } from 'kysely';

/**
 * The network the routing bench decides on: 1,000 suppliers and 100,000 catalog rows (10,000
 * items, each stocked by 10 suppliers, each supplier a range of 100 neighbouring items), 30
 * days of records each, and a tenant with one pin and one exclusion. Seeded by the owner in
 * bulk: what the suppliers' feeds would have written over time.
 */
export const SUPPLIERS = 1_000;
export const ITEMS = 10_000;
const PER_ITEM = 10;

export async function seedRoutingNetwork(admin: Db, db: Db): Promise<{ tenantId: string }> {
  await sql`
    insert into suppliers (code, name, endpoint_url, signing_secret_enc,
      countries, carriers, handling_days, cutoff_minute, daily_capacity)
    select 'S' || lpad(g::text, 4, '0'), 'Supplier ' || g, 'https://s' || g || '.example/d',
      'x',
      case when g % 10 = 0 then array['GB'] else array['US', 'GB'] end,
      case when g % 7 = 0 then array['UPS'] else array['USPS', 'UPS'] end,
      g % 3, 600 + (g % 8) * 60, case when g % 5 = 0 then 100 end
    from generate_series(1, ${SUPPLIERS}) g`.execute(admin);
  await sql`
    insert into supplier_items (supplier_id, supplier_item_code, stock, unit_cost_minor)
    select s.id, 'ITEM-' || (1 + (g * 10 + k) % ${ITEMS}), (g * 7 + k) % 40,
      100 + (g * 13 + k * 17) % 900
    from generate_series(1, ${SUPPLIERS}) g
    cross join generate_series(0, ${(ITEMS / SUPPLIERS) * PER_ITEM - 1}) k
    join suppliers s on s.code = 'S' || lpad(g::text, 4, '0')`.execute(admin);
  await sql`
    insert into supplier_rates (supplier_id, country, carrier, parcel_cost_minor)
    select id, 'US', 'USPS', 300 + (hashtext(code) & 511) from suppliers`.execute(admin);
  // A day at a time, oldest first, as the days were counted: each new day starts from the
  // running totals of the one before.
  for (let d = 29; d >= 0; d--)
    await sql`
      insert into supplier_days (supplier_id, day, dispatched, acked_in_time, shipped,
        shipped_on_time, valid_tracking)
      select id, current_date - ${d}::int, 20, 18 + (${d}::int % 3), 20, 17 + (${d}::int % 4), 19
      from suppliers`.execute(admin);
  // As autovacuum leaves a table between bursts of writes: statistics and visibility known.
  await sql`vacuum analyze`.execute(admin);
  const tenantId = await createTenant(db, 'Bench seller');
  const [pin, ex] = await admin.selectFrom('suppliers').select('id').limit(2).execute();
  await withTenant(db, tenantId, async (trx) => {
    await setSupplierPreference(trx, tenantId, pin!.id, { kind: 'pin', position: 0 });
    await setSupplierPreference(trx, tenantId, ex!.id, { kind: 'exclude' });
  });
  return { tenantId };
}

/** A basket's items come from one part of the catalog, as a shop sells a range of products. */
export const benchOrderLines = (k: number) =>
  Array.from({ length: 1 + (k % 3) }, (_, j) => ({
    supplierItemCode: `ITEM-${1 + ((((k * 7919) % ITEMS) + j * 3) % ITEMS)}`,
    quantity: 1 + ((k + j) % 3),
  }));
