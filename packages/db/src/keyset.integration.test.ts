import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/harness/database.ts';
import { withTenant } from './client.ts';
import {
  listNotifications,
  listOrdersWithTimeline,
  listParkedInbox,
  listShops,
  listSkuMappings,
} from './index.ts';
import { encodeCursor, InvalidCursorError, type Page, type PageRequest } from './keyset.ts';
import { insertInbox } from './repos/inbox.ts';
import { notifyTenant } from './repos/onboarding.ts';
import { upsertSkuMapping } from './repos/sku-mappings.ts';
import { createTenant } from './repos/tenants.ts';
import { seedOrder, seedShop } from './testing/seed.ts';

type Env = Awaited<ReturnType<typeof freshDatabase>>;
type Lister = (page: PageRequest) => Promise<Page<{ id: string }>>;

/** Every row, page by page: a page size of 2 crosses every tie in the seeded keys. */
async function pageThrough(list: Lister, limit = 2): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await list({ limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((r) => r.id));
    if (page.nextCursor === null) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('no last page');
}

/** Keyset pages against PostgreSQL: no gaps, no repeats, and forged cursors never reach SQL. */
describe('keyset pages', () => {
  let env: Env;
  let tenantId: string;
  const listers: Record<string, Lister> = {};
  const expected: Record<string, string[]> = {};

  beforeAll(async () => {
    env = await freshDatabase();
    tenantId = await createTenant(env.db, 'T');
    const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
      withTenant(env.db, tenantId, fn);
    const shops = await inTenant(async (trx) => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await seedShop(trx, tenantId, `shop-${i}`));
      for (let i = 0; i < 7; i++) {
        await seedOrder(trx, { tenantId, shopId: ids[0]!, platformOrderId: `o-${i}` });
        // Three SKU ids, some mapped to several items: ties on the first key column.
        await upsertSkuMapping(trx, {
          tenantId,
          marketplaceSkuId: `sku-${i % 3}`,
          supplierItemCode: `item-${i}`,
        });
        await notifyTenant(trx, {
          tenantId,
          shopId: null,
          kind: 'strike_warning',
          message: `n${i}`,
          dedupeKey: `n${i}`,
        });
        await insertInbox(trx, {
          tenantId,
          shopId: ids[0]!,
          notificationId: `in-${i}`,
          type: 1,
          payload: {},
        });
      }
      return ids;
    });
    // Timestamps a JavaScript Date cannot tell apart (same millisecond), and exact ties.
    await sql`
      update orders set created_at = '2026-01-01 00:00:00.000100+00'::timestamptz
        + (right(platform_order_id, 1)::int % 3) * interval '1 microsecond'`.execute(env.admin);
    await sql`update shops set created_at = '2026-01-01 00:00:00.000500+00'
      where platform_shop_id in ('shop-1', 'shop-3')`.execute(env.admin);
    await sql`update webhook_inbox set parked_at = now() where notification_id <> 'in-3'`.execute(
      env.admin,
    );

    const ids = async (query: string) =>
      (await sql.raw<{ id: string }>(query).execute(env.admin)).rows.map((r) => r.id);
    expected.orders = await ids('select id from orders order by created_at desc, id desc');
    expected.shops = await ids('select id from shops order by created_at, id');
    expected.skuMappings = await ids('select id from sku_mappings order by marketplace_sku_id, id');
    expected.notifications = await ids('select id::text from notifications order by id desc');
    expected.parkedInbox = await ids(
      'select id::text from webhook_inbox where parked_at is not null order by id',
    );
    expect(shops).toHaveLength(5);

    listers.orders = (page) => inTenant((trx) => listOrdersWithTimeline(trx, page));
    listers.shops = (page) => inTenant((trx) => listShops(trx, page));
    listers.skuMappings = (page) => inTenant((trx) => listSkuMappings(trx, page));
    listers.notifications = (page) => inTenant((trx) => listNotifications(trx, page));
    listers.parkedInbox = (page) => listParkedInbox(env.db, page);
  });

  afterAll(async () => {
    await env?.close();
  });

  it.each(['orders', 'shops', 'skuMappings', 'notifications', 'parkedInbox'])(
    '%s: pages of 2 give every row once, in the listing order',
    async (name) => {
      expect(expected[name]!.length).toBeGreaterThanOrEqual(5);
      expect(await pageThrough(listers[name]!)).toEqual(expected[name]);
      expect(await pageThrough(listers[name]!, 100)).toEqual(expected[name]);
    },
  );

  it('hands out no cursor on the last page, even when it is exactly full', async () => {
    const page = await listers.shops!({ limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).toBeNull();
    // The key column the query adds to read the cursor stays out of the rows.
    expect(Object.keys(page.items[0]!)).not.toContain('_keyset_key');
  });

  const uuid = randomUUID();
  const ALL = ['orders', 'shops', 'skuMappings', 'notifications', 'parkedInbox'];
  const BY_TIME = ['orders', 'shops'];
  const forged: Array<[string, string, string[]]> = [
    ['not base64url JSON', '!!!not-a-cursor!!!', ALL],
    ['a JSON object', encodeCursor({} as string[]), ALL],
    ['a number where a string belongs', Buffer.from('[1,2]').toString('base64url'), ALL],
    ['too few key values', encodeCursor([uuid]), [...BY_TIME, 'skuMappings']],
    ['a date that is not a date', encodeCursor(['yesterday', uuid]), BY_TIME],
    ['February 30', encodeCursor(['2026-02-30 00:00:00+00', uuid]), BY_TIME],
    ['a year PostgreSQL cannot hold', encodeCursor(['-200000-01-01 00:00:00+00', uuid]), BY_TIME],
    ['an hour of 25', encodeCursor(['2026-01-01 25:00:00+00', uuid]), BY_TIME],
    ['an id that is not a uuid', encodeCursor(['2026-01-01 00:00:00+00', 'x']), ALL],
    ['a NUL in a text key', encodeCursor(['sku\u0000', uuid]), ['skuMappings']],
    ['a lone surrogate in a text key', encodeCursor(['sku\ud800', uuid]), ['skuMappings']],
    ['an id beyond bigint', encodeCursor(['9223372036854775808']), ALL],
    ['an id that is not a number', encodeCursor(['1 or 1=1']), ALL],
  ];

  it.each(forged)('refuses a cursor with %s before any query', async (_, cursor, names) => {
    for (const name of names) {
      await expect(listers[name]!({ limit: 2, cursor }), name).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    }
  });
});
