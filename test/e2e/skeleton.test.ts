import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';
import { trpc, walkOneOrder } from '../harness/walking-skeleton.ts';

describe('walking skeleton: one order through every layer', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ tenants: 2 });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('webhook → workflow → supplier → tracking → marketplace → ledger, visible in orders.list', async () => {
    await walkOneOrder(p);
  });

  it('a tenant cannot read another tenant’s orders', async () => {
    const [a, b] = p.tenants;
    const simOrder = p.tts.createOrder(b!.simShopId);
    await eventually(async () =>
      (await trpc(p, b!.apiToken).orders.list.query({})).items.find(
        (o) => o.orderNumber === simOrder.id,
      ),
    );
    const seenByA = await trpc(p, a!.apiToken).orders.list.query({ limit: 100 });
    expect(seenByA.items.map((o) => o.orderNumber)).not.toContain(simOrder.id);
    // Without a token, or with a forged one, there is no tenant at all.
    await expect(trpc(p, 'sy_live_forged').orders.list.query({})).rejects.toBeInstanceOf(
      TRPCClientError,
    );
  });
});
