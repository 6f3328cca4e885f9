import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { createDb, type Db, withTenant } from '../client.ts';
import { seedShop } from '../testing/seed.ts';
import { storeInbox } from './inbox.ts';
import { createTenant } from './tenants.ts';

/** R-IN-1 under RLS: one statement stores notifications of several tenants, each in its own. */
describe('storeInbox', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  /** One connection, so what the statement sets would show in the next query. */
  let single: Db;
  const tenants: Record<'a' | 'b', { tenantId: string; shopId: string }> = {} as never;

  beforeAll(async () => {
    env = await freshDatabase();
    single = createDb(env.appUrl, { max: 1 });
    for (const name of ['a', 'b'] as const) {
      const tenantId = await createTenant(env.db, name);
      const shopId = await withTenant(env.db, tenantId, (trx) =>
        seedShop(trx, tenantId, `shop-${name}`),
      );
      tenants[name] = { tenantId, shopId };
    }
  });
  afterAll(async () => {
    await single?.destroy();
    await env?.close();
  });

  const item = (shop: string, id: string) => ({
    platformShopId: shop,
    notificationId: id,
    type: 1,
    payload: { id },
  });

  it("stores each under its shop's tenant, tells unknown shops, and stores a repeat never", async () => {
    const first = await storeInbox(single, 'tiktok', [
      item('shop-a', 'n1'),
      item('shop-b', 'n1'),
      item('shop-a', 'n2'),
      item('shop-x', 'n3'),
    ]);
    expect(first).toEqual(
      expect.arrayContaining([
        { platformShopId: 'shop-a', notificationId: 'n1', outcome: 'stored' },
        { platformShopId: 'shop-b', notificationId: 'n1', outcome: 'stored' },
        { platformShopId: 'shop-a', notificationId: 'n2', outcome: 'stored' },
        { platformShopId: 'shop-x', notificationId: 'n3', outcome: 'shop-unknown' },
      ]),
    );
    expect(first).toHaveLength(4);
    // The tenant scope it set ended with the statement, and so did the durable commit it asked
    // for (the test server runs with synchronous_commit off).
    const { rows } = await sql<{ v: string | null; sc: string }>`
      select nullif(current_setting('app.tenant_id', true), '') as v,
        current_setting('synchronous_commit') as sc`.execute(single);
    expect(rows[0]).toEqual({ v: null, sc: 'off' });

    expect(
      await storeInbox(single, 'tiktok', [item('shop-a', 'n1'), item('shop-a', 'n4')]),
    ).toEqual([{ platformShopId: 'shop-a', notificationId: 'n4', outcome: 'stored' }]);

    const stored = await env.admin
      .selectFrom('webhook_inbox')
      .select(['tenant_id', 'shop_id', 'notification_id'])
      .execute();
    const { a, b } = tenants;
    expect(stored).toHaveLength(4);
    expect(stored).toEqual(
      expect.arrayContaining([
        { tenant_id: a.tenantId, shop_id: a.shopId, notification_id: 'n1' },
        { tenant_id: a.tenantId, shop_id: a.shopId, notification_id: 'n2' },
        { tenant_id: b.tenantId, shop_id: b.shopId, notification_id: 'n1' },
        { tenant_id: a.tenantId, shop_id: a.shopId, notification_id: 'n4' },
      ]),
    );
    // Each tenant sees its own only.
    const seenBy = (tenantId: string) =>
      withTenant(env.db, tenantId, (trx) =>
        trx.selectFrom('webhook_inbox').select('notification_id').orderBy('id').execute(),
      );
    expect((await seenBy(b.tenantId)).map((r) => r.notification_id)).toEqual(['n1']);
    expect((await seenBy(a.tenantId)).map((r) => r.notification_id)).toEqual(['n1', 'n2', 'n4']);
  });
});
