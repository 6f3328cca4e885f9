import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/harness/database.ts';
import { withSupplier, withTenant } from './client.ts';
import { insertDispatch } from './repos/dispatches.ts';
import { addLedgerEntry } from './repos/ledger.ts';
import { claimSupplierFile } from './repos/supplier-files.ts';
import { upsertSupplier } from './repos/suppliers.ts';
import { createTenant } from './repos/tenants.ts';
import { seedOrder, seedShop } from './testing/seed.ts';

type Env = Awaited<ReturnType<typeof freshDatabase>>;

/** Tenant isolation is enforced by PostgreSQL itself, whatever the application code asks. */
describe('row-level security', () => {
  let env: Env;
  let a: string;
  let b: string;
  let orderB: string;
  let supplierA: string;
  let supplierB: string;

  async function seedTenant(name: string, platformShopId: string) {
    const tenantId = await createTenant(env.db, name);
    const orderId = await withTenant(env.db, tenantId, async (trx) => {
      const shopId = await seedShop(trx, tenantId, platformShopId);
      return seedOrder(trx, { tenantId, shopId, platformOrderId: `o-${platformShopId}` });
    });
    return { tenantId, orderId };
  }

  beforeAll(async () => {
    env = await freshDatabase();
    const ta = await seedTenant('A', 'shop-a');
    const tb = await seedTenant('B', 'shop-b');
    a = ta.tenantId;
    b = tb.tenantId;
    orderB = tb.orderId;
    const sup = (code: string) =>
      upsertSupplier(env.admin, {
        code,
        name: code,
        endpointUrl: 'http://x',
        signingSecretEnc: 's',
        partnerKeyHash: code,
        countries: ['US'],
        carriers: ['USPS'],
      });
    supplierA = await sup('sup-a');
    supplierB = await sup('sup-b');
    await withTenant(env.db, b, (trx) =>
      insertDispatch(trx, {
        id: 'd_b1',
        tenantId: b,
        orderId: orderB,
        supplierId: supplierB,
        workflowId: 'wf',
        attempt: 0,
      }),
    );
  });
  afterAll(async () => {
    await env?.close();
  });

  it('connects as a role that cannot bypass RLS', async () => {
    const { rows } = await sql<{ rolsuper: boolean; rolbypassrls: boolean }>`
      select rolsuper, rolbypassrls from pg_roles where rolname = current_user`.execute(env.db);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    const owners = await sql<{ n: number }>`
      select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = current_user`.execute(
      env.db,
    );
    expect(owners.rows[0]!.n).toBe(0);
  });

  it('every tenant table forces row-level security', async () => {
    const { rows } = await sql<{ relname: string; relforcerowsecurity: boolean }>`
      select c.relname, c.relforcerowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`.execute(env.admin);
    const forced = Object.fromEntries(rows.map((r) => [r.relname, r.relforcerowsecurity]));
    for (const t of [
      'tenants',
      'shops',
      'orders',
      'order_events',
      'ledger_entries',
      'fee_plans',
      'webhook_inbox',
      'api_calls',
      'api_tokens',
      'dispatches',
      'idempotency_keys',
      'shipments',
      'supplier_shipments',
      'supplier_file_batches',
      'supplier_files',
      'billing_customers',
      'billing_invoices',
      'billing_carryovers',
      'stripe_calls',
    ]) {
      expect(forced[t], t).toBe(true);
    }
  });

  it('only tables that belong to no tenant stay outside row-level security', async () => {
    const { rows } = await sql<{ relname: string }>`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and not c.relforcerowsecurity
      order by c.relname`.execute(env.admin);
    expect(rows.map((r) => r.relname)).toEqual([
      'actor_sessions', // suppliers' and operators' portal sessions: hashes, no tenant's data
      'billing_findings', // the reconciliation's findings across tenants, read by operators
      'kysely_migration', // the migrator's bookkeeping
      'kysely_migration_lock',
      'oauth_states', // an OAuth start may precede any tenant
      'operator_alerts', // the on-call's queue: ids and codes, read by operators only
      'operator_tokens', // operators are no tenant
      'partner_keys', // hashes only, looked up before any supplier is known
      'sign_in_links', // one-time link hashes, redeemed before anyone is signed in
      'stripe_events', // Stripe's event ids and types, received before their tenant is known
      'supplier_days', // a supplier's daily counts across tenants; no tenant's data in them
      'supplier_file_settings', // a partner's schedule and file location, like `suppliers`
      'suppliers', // partners serve many tenants; scoped by supplier id where it matters
    ]);
  });

  it('without a tenant, tenant tables look empty', async () => {
    expect(await env.db.selectFrom('orders').selectAll().execute()).toEqual([]);
    expect(await env.db.selectFrom('shops').selectAll().execute()).toEqual([]);
    expect(await env.db.selectFrom('tenants').selectAll().execute()).toEqual([]);
  });

  it('a tenant sees only its own rows', async () => {
    const seen = await withTenant(env.db, a, (trx) =>
      trx.selectFrom('orders').select(['tenant_id']).execute(),
    );
    expect(seen.map((r) => r.tenant_id)).toEqual([a]);
    const byId = await withTenant(env.db, a, (trx) =>
      trx.selectFrom('orders').selectAll().where('id', '=', orderB).execute(),
    );
    expect(byId).toEqual([]);
  });

  it("a tenant cannot change or delete another tenant's rows", async () => {
    const upd = await withTenant(env.db, a, (trx) =>
      trx
        .updateTable('orders')
        .set({ status: 'cancelled' })
        .where('id', '=', orderB)
        .executeTakeFirst(),
    );
    expect(upd.numUpdatedRows).toBe(0n);
    const del = await withTenant(env.db, a, (trx) =>
      trx.deleteFrom('order_events').where('tenant_id', '=', b).executeTakeFirst(),
    );
    expect(del.numDeletedRows).toBe(0n);
    const still = await env.admin
      .selectFrom('orders')
      .select('status')
      .where('id', '=', orderB)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe('received');
  });

  it("a tenant cannot write rows into another tenant's space", async () => {
    await expect(
      withTenant(env.db, a, (trx) =>
        addLedgerEntry(trx, {
          tenantId: b,
          orderId: orderB,
          kind: 'order_fee',
          amountMinor: 30n,
          currency: 'USD',
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withTenant(env.db, a, (trx) =>
        trx.insertInto('tenants').values({ id: randomUUID(), name: 'sneaky' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await env.admin.selectFrom('ledger_entries').selectAll().execute()).toEqual([]);
  });

  it('a supplier sees only the dispatches addressed to it, and no orders', async () => {
    const mine = await withSupplier(env.db, supplierB, (trx) =>
      trx.selectFrom('dispatches').select('id').execute(),
    );
    expect(mine.map((d) => d.id)).toEqual(['d_b1']);
    const other = await withSupplier(env.db, supplierA, (trx) =>
      trx.selectFrom('dispatches').select('id').execute(),
    );
    expect(other).toEqual([]);
    const orders = await withSupplier(env.db, supplierB, (trx) =>
      trx.selectFrom('orders').select('id').execute(),
    );
    expect(orders).toEqual([]);
  });

  it("a supplier sees and claims only its own answer files; another's look absent (R-RT-2)", async () => {
    const claim = (supplierId: string) =>
      withSupplier(env.db, supplierId, (trx) =>
        claimSupplierFile(trx, {
          supplierId,
          sha256: 'a'.repeat(64),
          source: 'upload',
          fileName: 'f.csv',
        }),
      );
    expect(await claim(supplierB)).toMatchObject({ claimed: true });
    // The same content from another supplier is that supplier's own file.
    expect(await claim(supplierA)).toMatchObject({ claimed: true });
    const seen = await withSupplier(env.db, supplierA, (trx) =>
      trx.selectFrom('supplier_files').select('supplier_id').execute(),
    );
    expect(seen).toEqual([{ supplier_id: supplierA }]);
    await expect(
      withSupplier(env.db, supplierA, (trx) =>
        trx
          .insertInto('supplier_files')
          .values({
            supplier_id: supplierB,
            sha256: 'b'.repeat(64),
            source: 'upload',
            file_name: 'x',
            status: 'done',
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('a charge is written once per order and kind (R-BIL-3)', async () => {
    const write = () =>
      withTenant(env.db, b, (trx) =>
        addLedgerEntry(trx, {
          tenantId: b,
          orderId: orderB,
          kind: 'order_fee',
          amountMinor: 30n,
          currency: 'USD',
        }),
      );
    const results = await Promise.all([write(), write(), write()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await env.admin.selectFrom('ledger_entries').select('amount_minor').execute()).toEqual([
      { amount_minor: '30' },
    ]);
  });
});
