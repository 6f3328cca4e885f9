import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

/**
 * "Nothing lost" under flaky partners: the marketplace and the supplier answer 5xx and 429 and
 * respond slowly; every order still completes exactly once, and nothing is marked shipped that
 * the marketplace did not accept.
 */
describe('flaky marketplace and supplier', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ supplierBehaviour: { failRate: 1, latencyMs: 20 } });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('completes every order once with the marketplace failing 30% of calls under a tight rate limit and the supplier 20%', async () => {
    const t = p.tenants[0]!;
    Object.assign(p.tts.faults, {
      failRate: 0.3,
      latencyMs: 30,
      rateLimit: { perSecond: 20, burst: 5 },
    });
    const orders = Array.from({ length: 8 }, () => p.tts.createOrder(t.simShopId));
    // The supplier refuses everything until the first refusal is on record, then 20% of the time.
    await eventually(async () => {
      const refused = await p.admin
        .selectFrom('api_calls')
        .select('id')
        .where('target', 'like', 'supplier:%')
        .where('http_status', '=', 503)
        .execute();
      return refused.length > 0;
    });
    p.supplier.behaviour.failRate = 0.2;
    for (const o of orders)
      expect(await p.orderResult(t.tenantId, t.shopId, o.id, 120_000)).toEqual({
        status: 'completed',
      });
    Object.assign(p.tts.faults, { failRate: 0, latencyMs: 0, rateLimit: undefined });

    for (const o of orders) {
      expect(p.tts.packages(o.id)).toHaveLength(1);
      expect(p.tts.getOrder(o.id)!.status).toBe('AWAITING_COLLECTION');
    }
    expect(
      await p.admin
        .selectFrom('ledger_entries')
        .select('id')
        .where('kind', '=', 'order_fee')
        .execute(),
    ).toHaveLength(orders.length);
    // The faults really happened, and every failed attempt is in the call log (R-DIAG-1).
    const failed = await p.admin
      .selectFrom('api_calls')
      .select(['target', 'http_status'])
      .where('http_status', '>=', 429)
      .execute();
    expect(failed.some((c) => c.target === 'tiktok')).toBe(true);
    expect(failed.some((c) => c.target.startsWith('supplier:'))).toBe(true);
    // Each order reached its supplier in a single dispatch, however often the push was retried.
    const dispatches = await p.admin.selectFrom('dispatches').select('order_id').execute();
    expect(new Set(dispatches.map((d) => d.order_id)).size).toBe(orders.length);
    expect(dispatches).toHaveLength(orders.length);
  });
});
