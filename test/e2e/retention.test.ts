import type { OrderStatus } from '@switchyard/domain';
import { createMaintenanceActivities } from '@switchyard/workflows';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';

/** R-ONB-3: buyer data lives only as long as the order needs it. */
describe('buyer data retention', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ tenants: 2 });
  });
  afterAll(async () => {
    await p?.close();
  });

  it("erases the buyer data of every tenant's orders finished before the retention, and nothing else", async () => {
    const [a, b] = p.tenants;
    const day = 24 * 60 * 60 * 1000;
    const row = (
      tenantId: string,
      shopId: string,
      n: string,
      status: OrderStatus,
      ageDays: number,
    ) => ({
      tenant_id: tenantId,
      shop_id: shopId,
      platform_order_id: n,
      workflow_id: `wf-${n}`,
      status,
      lines: '[]',
      recipient_enc: 'v1.k1.iv.ciphertext',
      recipient_original_enc: 'v1.k1.iv.original',
      updated_at: new Date(Date.now() - ageDays * day),
    });
    await p.admin
      .insertInto('orders')
      .values([
        row(a!.tenantId, a!.shopId, 'old-done-a', 'completed', 120),
        row(b!.tenantId, b!.shopId, 'old-cancelled-b', 'cancelled', 95),
        row(a!.tenantId, a!.shopId, 'recent-done', 'completed', 10),
        row(b!.tenantId, b!.shopId, 'old-but-open', 'acknowledged', 200), // still being fulfilled
      ])
      .execute();

    const purge = createMaintenanceActivities({ db: p.db }).purgeExpiredBuyerData;
    const env = new MockActivityEnvironment();
    expect(await env.run(purge, { retentionDays: 90 })).toBe(2);
    expect(await env.run(purge, { retentionDays: 90 })).toBe(0); // nothing left to do

    const after = await p.admin
      .selectFrom('orders')
      .select(['platform_order_id', 'recipient_enc', 'recipient_original_enc'])
      .orderBy('platform_order_id')
      .execute();
    expect(
      after.map((o) => [
        o.platform_order_id,
        o.recipient_enc !== null,
        o.recipient_original_enc !== null,
      ]),
    ).toEqual([
      ['old-but-open', true, true],
      ['old-cancelled-b', false, false],
      ['old-done-a', false, false],
      ['recent-done', true, true],
    ]);
  });
});
