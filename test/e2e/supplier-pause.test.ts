import { issueOperatorToken } from '@switchyard/auth/credentials';
import { stockSimCatalog } from '@switchyard/infra/sim-catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';

/**
 * R-RT-2: a supplier endpoint that keeps failing is paused (three attempts in a row here; 30 by
 * default): the order moves on to the next supplier, routing offers the paused one nothing more,
 * and an operator resumes it once it is fixed.
 */
describe('a supplier endpoint failing for long', () => {
  let p: Platform;
  let deadEnd: string;
  beforeAll(async () => {
    p = await startPlatform({ pauseAfterFailures: 3 });
    const reach = { countries: ['US', 'GB'], carriers: ['USPS', 'UPS'] };
    // Cheaper than factory A, so routing tries it first; its endpoint refuses connections.
    ({ supplierId: deadEnd } = await p.registerIdleSupplier('dead-end', reach));
    await stockSimCatalog(
      p.db,
      { supplierId: deadEnd, ...reach },
      { unitCostMinor: 100, parcelCostMinor: 100 },
    );
  });
  afterAll(async () => {
    await p?.close();
  });

  const health = () =>
    p.admin
      .selectFrom('suppliers')
      .select(['delivery_failures as failures', 'paused_at as pausedAt'])
      .where('id', '=', deadEnd)
      .executeTakeFirstOrThrow();
  const attempts = () =>
    p.admin
      .selectFrom('api_calls')
      .select('id')
      .where('target', '=', 'supplier:dead-end')
      .execute()
      .then((rows) => rows.length);
  async function fulfil() {
    const t = p.tenants[0]!;
    const order = p.tts.createOrder(t.simShopId);
    expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toEqual({ status: 'completed' });
    return p.admin
      .selectFrom('dispatches as d')
      .innerJoin('orders as o', 'o.id', 'd.order_id')
      .innerJoin('suppliers as s', 's.id', 'd.supplier_id')
      .select(['s.code', 'd.status'])
      .where('o.platform_order_id', '=', order.id)
      .orderBy('d.attempt')
      .execute();
  }

  it('pauses the endpoint, moves the order on, and routes no more orders to it until resumed', async () => {
    // The first order: three failed attempts pause the endpoint, and factory A ships it.
    expect(await fulfil()).toEqual([
      { code: 'dead-end', status: 'withdrawn' },
      { code: 'factory-a', status: 'shipped' },
    ]);
    expect(await attempts()).toBe(3);
    const paused = await health();
    expect(paused.failures).toBe(3);
    expect(paused.pausedAt).not.toBeNull();

    // The next goes straight to factory A: the paused endpoint is not tried.
    expect(await fulfil()).toEqual([{ code: 'factory-a', status: 'shipped' }]);
    expect(await attempts()).toBe(3);

    // Only an operator resumes it, for a supplier that exists.
    const resume = async (token: string, supplierId: string) =>
      (
        await fetch(`${p.apiUrl}/trpc/ops.suppliers.resume`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ supplierId }),
        })
      ).status;
    const operator = await issueOperatorToken(p.db, 'on-call');
    expect(await resume(p.tenants[0]!.apiToken, deadEnd)).toBe(401);
    expect(await resume(operator, '00000000-0000-4000-8000-000000000000')).toBe(404);
    expect(await resume(operator, 'not-a-uuid')).toBe(400);
    expect(await health()).toMatchObject({ failures: 3 });
    expect(await resume(operator, deadEnd)).toBe(200);
    expect(await health()).toEqual({ failures: 0, pausedAt: null });
  });
});
