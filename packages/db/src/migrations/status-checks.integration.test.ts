import {
  ACTOR_SESSION_KINDS,
  BILLING_FINDING_KINDS,
  CARRIER_TRACKING_STATUSES,
  CREDITED_SLAS,
  DISPATCH_STATUSES,
  DISPATCH_STOCK_STATES,
  INVOICE_STATUSES,
  LEDGER_KINDS,
  NOTIFICATION_KINDS,
  OPERATOR_ALERT_KINDS,
  ORDER_EVENT_KINDS,
  ORDER_SOURCES,
  ORDER_STATUSES,
  SHOP_MODES,
  SHOP_STATUSES,
  SIGN_IN_LINK_KINDS,
  SLA_CREDIT_KINDS,
  STRIPE_CALL_STATUSES,
  SUPPLIER_CONNECTORS,
  SUPPLIER_FILE_SOURCES,
  SUPPLIER_FILE_STATUSES,
  SUPPLIER_PREFERENCE_KINDS,
} from '@switchyard/domain';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { withTenant } from '../client.ts';
import { createTenant } from '../repos/tenants.ts';
import { seedOrder, seedShop } from '../testing/seed.ts';

/** Each checked column and the domain's set its CHECK constraint must equal. */
const SETS: Record<string, readonly string[]> = {
  'orders.status': ORDER_STATUSES,
  'orders.source': ORDER_SOURCES,
  'order_events.kind': ORDER_EVENT_KINDS,
  'supplier_preferences.kind': SUPPLIER_PREFERENCE_KINDS,
  'dispatches.status': DISPATCH_STATUSES,
  'dispatches.stock': DISPATCH_STOCK_STATES,
  'shops.status': SHOP_STATUSES,
  'shops.mode': SHOP_MODES,
  'notifications.kind': NOTIFICATION_KINDS,
  'operator_alerts.kind': OPERATOR_ALERT_KINDS,
  'ledger_entries.kind': LEDGER_KINDS,
  'ledger_entries.sla': CREDITED_SLAS,
  'fee_plans.sla_credit_kind': SLA_CREDIT_KINDS,
  'shipments.carrier_status': CARRIER_TRACKING_STATUSES,
  'suppliers.connector': SUPPLIER_CONNECTORS,
  'supplier_files.source': SUPPLIER_FILE_SOURCES,
  'supplier_files.status': SUPPLIER_FILE_STATUSES,
  'billing_invoices.status': INVOICE_STATUSES,
  'stripe_calls.status': STRIPE_CALL_STATUSES,
  'billing_findings.kind': BILLING_FINDING_KINDS,
  'actor_sessions.kind': ACTOR_SESSION_KINDS,
  'sign_in_links.kind': SIGN_IN_LINK_KINDS,
};

type Env = Awaited<ReturnType<typeof freshDatabase>>;

/**
 * Migrations are frozen, so a set changed in @switchyard/domain reaches the database only by a
 * new migration. This compares every set with the constraint a migrated database really has.
 */
describe('status and kind constraints', () => {
  let env: Env;
  beforeAll(async () => {
    env = await freshDatabase();
  });
  afterAll(async () => {
    await env?.close();
  });

  /** `column = ANY (ARRAY['a'::text, …])` checks by `table.column`: PostgreSQL's form of `in`. */
  async function valueListChecks(): Promise<Map<string, string[][]>> {
    const { rows } = await sql<{ tbl: string; col: string; def: string }>`
      select c.conrelid::regclass::text as tbl, a.attname as col, pg_get_constraintdef(c.oid) as def
      from pg_constraint c
      join pg_namespace n on n.oid = c.connamespace
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'c' and n.nspname = 'public' and cardinality(c.conkey) = 1`.execute(
      env.admin,
    );
    const checks = new Map<string, string[][]>();
    for (const r of rows) {
      if (!r.def.includes('= ANY (ARRAY[')) continue;
      const values = [...r.def.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!);
      const key = `${r.tbl}.${r.col}`;
      checks.set(key, [...(checks.get(key) ?? []), values]);
    }
    return checks;
  }

  it.each(Object.entries(SETS))('%s allows exactly its domain set', async (key, values) => {
    const checks = await valueListChecks();
    expect(
      checks.get(key)?.map((v) => [...v].sort()),
      `${key}: a set changed in @switchyard/domain needs a migration that replaces its check`,
    ).toEqual([[...values].sort()]);
  });

  it('every value-list check in the database has its set in the domain', async () => {
    expect([...(await valueListChecks()).keys()].sort()).toEqual(Object.keys(SETS).sort());
  });

  it('refuses a value outside the set where the check is new, and takes one inside it', async () => {
    const tenantId = await createTenant(env.db, 'checks');
    const orderId = await withTenant(env.db, tenantId, async (trx) =>
      seedOrder(trx, {
        tenantId,
        shopId: await seedShop(trx, tenantId, 'checks'),
        platformOrderId: 'o-1',
      }),
    );
    // Raw SQL, as a writer the types do not guard would send it; then a value of the set.
    const writes: Array<[string, (v: string) => RawBuilder<unknown>, string]> = [
      [
        'orders.status',
        (v) => sql`update orders set status = ${v} where id = ${orderId}`,
        'failed',
      ],
      [
        'order_events.kind',
        (v) => sql`insert into order_events (tenant_id, order_id, kind, dedupe_key)
          values (${tenantId}, ${orderId}, ${v}, ${v})`,
        'received',
      ],
      [
        'notifications.kind',
        (v) => sql`insert into notifications (tenant_id, kind, message, dedupe_key)
          values (${tenantId}, ${v}, 'm', ${v})`,
        'shop_needs_reauth',
      ],
    ];
    for (const [column, write, valid] of writes) {
      await expect(write('lost').execute(env.admin), column).rejects.toThrow(
        `violates check constraint "${column.replace('.', '_')}_check"`,
      );
      await expect(write(valid).execute(env.admin), column).resolves.toBeDefined();
    }
  });
});
