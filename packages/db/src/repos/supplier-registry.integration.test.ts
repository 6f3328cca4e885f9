import { routeOrder } from '@switchyard/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { withSupplier, withTenant } from '../client.ts';
import { loadRoutingData } from './routing-data.ts';
import {
  setSupplierPreference,
  upsertSupplierItems,
  upsertSupplierRates,
} from './supplier-registry.ts';
import { upsertSupplier } from './suppliers.ts';
import { createTenant } from './tenants.ts';

/** R-RT-1: the registry routing reads, loaded in one statement, written only by its owner. */
describe('supplier registry', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  const ids: Record<string, string> = {};
  let tenantA: string;
  let tenantB: string;
  const now = new Date('2026-11-30T02:00:00Z'); // 10:00 in Shanghai

  beforeAll(async () => {
    env = await freshDatabase();
    for (const code of ['FAST', 'CHEAP', 'FAR', 'NOSTOCK']) {
      ids[code] = await upsertSupplier(env.db, {
        code,
        name: code,
        endpointUrl: `https://${code.toLowerCase()}.example/dispatch`,
        signingSecretEnc: 'x',
        partnerKeyHash: `hash-${code}`,
        countries: code === 'FAR' ? ['GB'] : ['US'],
        carriers: ['USPS'],
      });
    }
    await env.admin
      .updateTable('suppliers')
      .set({ handling_days: 0, daily_capacity: 5 })
      .where('code', '=', 'FAST')
      .execute();
    const feed = {
      FAST: [{ supplierItemCode: 'MUG', stock: 10, unitCostMinor: 400 }],
      CHEAP: [{ supplierItemCode: 'MUG', stock: 10, unitCostMinor: 200 }],
      FAR: [{ supplierItemCode: 'MUG', stock: 10, unitCostMinor: 100 }],
      NOSTOCK: [{ supplierItemCode: 'LID', stock: 10, unitCostMinor: 100 }],
    };
    for (const [code, rows] of Object.entries(feed))
      await withSupplier(env.db, ids[code]!, async (trx) => {
        await upsertSupplierItems(trx, ids[code]!, rows);
        await upsertSupplierRates(trx, ids[code]!, [
          { country: 'US', carrier: 'USPS', parcelCostMinor: 500 },
        ]);
      });
    // FAST took 5 dispatches today in Shanghai, and has a record; old days fall out of it.
    await env.admin
      .insertInto('supplier_days')
      .values([
        { supplier_id: ids.FAST!, day: '2026-11-30', dispatched: 5, acked_in_time: 5 },
        { supplier_id: ids.FAST!, day: '2026-11-29', dispatched: 20, acked_in_time: 18 },
        { supplier_id: ids.FAST!, day: '2026-09-01', dispatched: 100, acked_in_time: 0 },
        { supplier_id: ids.CHEAP!, day: '2026-11-29', dispatched: 3, acked_in_time: 3 },
      ])
      .execute();
    tenantA = await createTenant(env.db, 'A');
    tenantB = await createTenant(env.db, 'B');
    await withTenant(env.db, tenantB, (trx) =>
      setSupplierPreference(trx, tenantB, ids.CHEAP!, { kind: 'exclude' }),
    );
  });
  afterAll(async () => {
    await env?.close();
  });

  const load = (tenantId: string, itemCodes = ['MUG']) =>
    withTenant(env.db, tenantId, (trx) =>
      loadRoutingData(trx, { itemCodes, country: 'US', carrier: 'USPS', now }),
    );

  it('loads the suppliers that stock the items, with rates, today’s load and the record window', async () => {
    const data = await load(tenantA);
    const byCode = Object.fromEntries(data.suppliers.map((s) => [s.code, s]));
    expect(Object.keys(byCode).sort()).toEqual(['CHEAP', 'FAR', 'FAST']);
    expect(byCode.FAST).toMatchObject({
      items: { MUG: { stock: 10, unitCostMinor: 400 } },
      parcelCostMinor: 500,
      dispatchedToday: 5,
      dailyCapacity: 5,
      record: { dispatched: 25, ackedInTime: 23 },
    });
    expect(byCode.CHEAP!.dispatchedToday).toBe(0);
    expect(data).toMatchObject({ pinned: [], excluded: [] });
  });

  it('decides with the loaded data: the full supplier and the one abroad are rejected', async () => {
    const data = await load(tenantA);
    const d = routeOrder(data.suppliers, {
      country: 'US',
      carrier: 'USPS',
      lines: [{ supplierItemCode: 'MUG', quantity: 1 }],
      nowMs: now.getTime(),
      shipByMs: now.getTime() + 48 * 3_600_000,
      pinned: data.pinned,
      excluded: data.excluded,
    });
    expect(d).toMatchObject({
      kind: 'single',
      ranked: [{ code: 'CHEAP' }],
      rejected: [
        { code: 'FAR', reasons: ['destination_not_served'] },
        { code: 'FAST', reasons: ['capacity_full'] },
      ],
    });
  });

  it('reads each tenant’s own preferences only, and lists an excluded supplier', async () => {
    expect((await load(tenantB)).excluded).toEqual([ids.CHEAP]);
    expect((await load(tenantA)).excluded).toEqual([]);
    await withTenant(env.db, tenantA, (trx) =>
      setSupplierPreference(trx, tenantA, ids.NOSTOCK!, { kind: 'pin', position: 1 }),
    );
    const a = await load(tenantA);
    expect(a.pinned).toEqual([ids.NOSTOCK]);
    expect(a.suppliers.map((s) => s.code)).toContain('NOSTOCK');
    await withTenant(env.db, tenantA, (trx) =>
      setSupplierPreference(trx, tenantA, ids.NOSTOCK!, null),
    );
    expect((await load(tenantA)).pinned).toEqual([]);
  });

  it('lets only the supplier itself write its catalog', async () => {
    await expect(
      withSupplier(env.db, ids.CHEAP!, (trx) =>
        upsertSupplierItems(trx, ids.FAST!, [
          { supplierItemCode: 'MUG', stock: 0, unitCostMinor: 1 },
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withTenant(env.db, tenantA, (trx) =>
        upsertSupplierRates(trx, ids.FAST!, [
          { country: 'US', carrier: 'USPS', parcelCostMinor: 1 },
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    const fast = (await load(tenantA)).suppliers.find((s) => s.code === 'FAST')!;
    expect(fast.items.MUG).toEqual({ stock: 10, unitCostMinor: 400 });
    expect(fast.parcelCostMinor).toBe(500);
  });

  it('refuses negative stock and costs in the database too', async () => {
    await expect(
      withSupplier(env.db, ids.FAST!, (trx) =>
        upsertSupplierItems(trx, ids.FAST!, [
          { supplierItemCode: 'MUG', stock: -1, unitCostMinor: 1 },
        ]),
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
