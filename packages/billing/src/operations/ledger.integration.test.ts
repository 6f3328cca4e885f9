import { addLedgerEntry, createTenant, ledgerPeriodTotals, withTenant } from '@switchyard/db';
import { seedOrder, seedShop } from '@switchyard/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { adjustLedger } from './adjust.ts';
import { BillingError } from './errors.ts';
import { periodToDate } from './period.ts';

type Env = Awaited<ReturnType<typeof freshDatabase>>;

/** The ledger as PostgreSQL keeps it: append-only, one line per key, summed per period. */
describe('the ledger', () => {
  let env: Env;
  let a: { tenantId: string; orderId: string };
  let b: { tenantId: string; orderId: string };

  async function seed(name: string) {
    const tenantId = await createTenant(env.db, name);
    const orderId = await withTenant(env.db, tenantId, async (trx) =>
      seedOrder(trx, {
        tenantId,
        shopId: await seedShop(trx, tenantId, `ledger-${name}`),
        platformOrderId: `ledger-${name}`,
      }),
    );
    return { tenantId, orderId };
  }

  beforeAll(async () => {
    env = await freshDatabase();
    a = await seed('a');
    b = await seed('b');
    await withTenant(env.db, a.tenantId, (trx) =>
      addLedgerEntry(trx, { kind: 'order_fee', ...a, amountMinor: 30n, currency: 'USD' }),
    );
  });
  afterAll(async () => {
    await env?.close();
  });

  const adjust = (over: Partial<Parameters<typeof adjustLedger>[1]> = {}) =>
    adjustLedger(env.db, {
      tenantId: a.tenantId,
      orderId: a.orderId,
      amountMinor: -500n,
      currency: 'USD',
      reason: 'damaged parcel, goodwill',
      idempotencyKey: 'op-1',
      operatorId: 'op',
      ...over,
    });

  it('refuses UPDATE, DELETE and TRUNCATE, even from the owner', async () => {
    for (const stmt of [
      sql`update ledger_entries set amount_minor = 0`,
      sql`delete from ledger_entries`,
      sql`truncate ledger_entries`,
    ])
      await expect(stmt.execute(env.admin)).rejects.toThrow(/append-only/);
    await expect(
      withTenant(env.db, a.tenantId, (trx) =>
        trx.updateTable('ledger_entries').set({ amount_minor: 0 }).execute(),
      ),
    ).rejects.toThrow(/append-only/);
    const rows = await env.admin.selectFrom('ledger_entries').select('amount_minor').execute();
    expect(rows).toEqual([{ amount_minor: '30' }]);
  });

  it('takes several adjustments per order, each once by its operator key', async () => {
    const first = await adjust();
    expect(first.replayed).toBe(false);
    expect(await adjust()).toEqual({ entryId: first.entryId, replayed: true });
    const second = await adjust({ idempotencyKey: 'op-2', amountMinor: 200n });
    expect(second.entryId).not.toBe(first.entryId);
    // An adjustment of no single order.
    await adjust({ idempotencyKey: 'op-3', orderId: undefined, amountMinor: 1n });
    const adjustments = await env.admin
      .selectFrom('ledger_entries')
      .select(['amount_minor', 'reason', 'operator_id', 'order_id'])
      .where('kind', '=', 'adjustment')
      .orderBy('id')
      .execute();
    expect(adjustments.map((r) => [r.amount_minor, r.order_id])).toEqual([
      ['-500', a.orderId],
      ['200', a.orderId],
      ['1', null],
    ]);
  });

  it('refuses a key reused for another adjustment, and writes nothing', async () => {
    await expect(adjust({ amountMinor: -501n })).rejects.toMatchObject({
      code: 'ADJUSTMENT_KEY_REUSED',
    });
    await expect(adjust({ reason: 'another reason' })).rejects.toBeInstanceOf(BillingError);
  });

  it('treats another tenant’s order, or an unknown tenant, as absent', async () => {
    await expect(adjust({ idempotencyKey: 'x-1', orderId: b.orderId })).rejects.toMatchObject({
      code: 'ORDER_NOT_FOUND',
    });
    await expect(
      adjust({
        idempotencyKey: 'x-2',
        tenantId: '00000000-0000-4000-8000-000000000000',
        orderId: undefined,
      }),
    ).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' });
    const bLines = await env.admin
      .selectFrom('ledger_entries')
      .select('id')
      .where('tenant_id', '=', b.tenantId)
      .execute();
    expect(bLines).toEqual([]);
  });

  it('refuses zero, huge, unknown-currency and reasonless adjustments', async () => {
    for (const bad of [
      { amountMinor: 0n },
      { amountMinor: 10n ** 12n },
      { currency: 'XXX' },
      { reason: '   ' },
    ])
      await expect(adjust({ idempotencyKey: 'bad', ...bad })).rejects.toMatchObject({
        code: 'ADJUSTMENT_INVALID',
      });
  });

  it('sums a tenant’s period by kind and currency, and nothing of another tenant', async () => {
    const now = new Date();
    const r = await periodToDate(env.db, { tenantId: a.tenantId, now });
    expect(r.currencies).toEqual([
      {
        currency: 'USD',
        orders: 1,
        feesMinor: 30n,
        markupMinor: 0n,
        creditsMinor: 0n,
        adjustmentsMinor: -299n,
        totalMinor: -269n,
      },
    ]);
    expect((await periodToDate(env.db, { tenantId: b.tenantId, now })).currencies).toEqual([]);
    // Under tenant B's scope, even asking for A's rows finds none (RLS).
    const leaked = await withTenant(env.db, b.tenantId, (trx) =>
      ledgerPeriodTotals(trx, {
        tenantId: a.tenantId,
        from: new Date(0),
        to: new Date(now.getTime() + 1000),
      }),
    );
    expect(leaked).toEqual([]);
    const lastMonth = await periodToDate(env.db, { tenantId: a.tenantId, month: '2026-01', now });
    expect(lastMonth.currencies).toEqual([]);
  });
});
