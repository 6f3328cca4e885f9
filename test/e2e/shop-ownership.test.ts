import type { AppRouter } from '@switchyard/api';
import { decrypt } from '@switchyard/auth';
import { mapSimCatalog } from '@switchyard/infra/sim-catalog';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeShop } from '../harness/oauth.ts';
import { type Platform, startPlatform } from '../harness/platform.ts';

/**
 * R-ONB-1: a marketplace shop belongs to the tenant that proved it by OAuth. A file-only shop
 * (R-IN-3) proves nothing, so another tenant naming the victim's shop id in one must never
 * capture the owner's binding, tokens, session or buyers.
 */
describe('shop ownership', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ tenants: 1 });
  });
  afterAll(async () => {
    await p?.close();
  });

  const tenantApi = (token: string) =>
    createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${p.apiUrl}/trpc`, headers: { authorization: `Bearer ${token}` } })],
    });
  const shopRows = (platformShopId: string) =>
    p.admin
      .selectFrom('shops')
      .selectAll()
      .where('platform_shop_id', '=', platformShopId)
      .orderBy('created_at')
      .execute();

  /** Tenant B squats the victim's shop id in a file-only shop; returns that shop's id. */
  async function squat(victimShopId: string) {
    const b = tenantApi(p.tenants[0]!.apiToken);
    const { id } = await b.shops.createCsvShop.mutate({
      name: 'x',
      region: 'US',
      platformShopId: victimShopId,
    });
    return id;
  }

  it('the owner binding by OAuth in a fresh browser gets its own tenant; the squatter gets nothing of it', async () => {
    const attacker = p.tenants[0]!;
    const victim = p.tts.createShop({ region: 'US', name: 'Victim Store' });
    const squatId = await squat(victim.id);

    const { res } = await authorizeShop(p.apiUrl, victim.id);
    expect(res.status).toBe(200);
    const rows = await shopRows(victim.id);
    const owned = rows.find((r) => r.mode === 'api')!;
    const squatted = rows.find((r) => r.id === squatId)!;
    expect(owned.tenant_id).not.toBe(attacker.tenantId);
    expect(decrypt(p.keyring, owned.access_token_enc!)).toMatch(/^TTP_/);
    // Nothing of the owner's binding moved into the squatter's file-only shop.
    expect(squatted).toMatchObject({
      tenant_id: attacker.tenantId,
      mode: 'csv',
      access_token_enc: null,
      refresh_token_enc: null,
    });
    // The session the owner got is the owner's tenant, not the squatter's.
    const session = await p.admin
      .selectFrom('sessions')
      .select('tenant_id')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(session.tenant_id).toBe(owned.tenant_id);

    // The owner's orders go to the owner; the squatter's token never sees its buyers.
    await mapSimCatalog(p.db, owned.tenant_id);
    const order = p.tts.createOrder(victim.id);
    expect(await p.orderResult(owned.tenant_id, owned.id, order.id)).toEqual({
      status: 'completed',
    });
    const b = tenantApi(attacker.apiToken);
    const listed = await b.orders.list.query({});
    expect(listed.items.map((o) => o.orderNumber)).not.toContain(order.id);
    const stored = await p.admin
      .selectFrom('orders')
      .select(['id', 'tenant_id'])
      .where('platform_order_id', '=', order.id)
      .execute();
    expect(stored).toEqual([{ id: expect.any(String), tenant_id: owned.tenant_id }]);
    await expect(b.orders.get.query({ id: stored[0]!.id })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
  });

  it('an owner already signed in binds a squatted shop into its own tenant', async () => {
    const first = p.tts.createShop({ region: 'US', name: 'Owner First Shop' });
    const { browser, res } = await authorizeShop(p.apiUrl, first.id);
    expect(res.status).toBe(200);
    const ownerTenant = (await shopRows(first.id))[0]!.tenant_id;

    const second = p.tts.createShop({ region: 'US', name: 'Owner Second Shop' });
    await squat(second.id);
    const again = await authorizeShop(p.apiUrl, second.id, browser);
    expect(again.res.status).toBe(200);
    const bound = (await shopRows(second.id)).find((r) => r.mode === 'api')!;
    expect(bound.tenant_id).toBe(ownerTenant);
  });

  it('a tenant signed in cannot bind a shop another tenant owns: 409, and nothing moves', async () => {
    const owner = p.tenants[0]!;
    const own = p.tts.createShop({ region: 'US', name: 'Other Seller Shop' });
    const { browser, res } = await authorizeShop(p.apiUrl, own.id);
    expect(res.status).toBe(200);
    const before = await shopRows(owner.simShopId);

    const taken = await authorizeShop(p.apiUrl, owner.simShopId, browser);
    expect(taken.res.status).toBe(409);
    expect(await taken.res.json()).toMatchObject({ error: { code: 'SHOP_BOUND_ELSEWHERE' } });
    expect(await shopRows(owner.simShopId)).toEqual(before);
  });

  it('a file-only shop id is unique within its tenant only', async () => {
    const b = tenantApi(p.tenants[0]!.apiToken);
    await b.shops.createCsvShop.mutate({ name: 'stall', region: 'US', platformShopId: 'SC-1' });
    await expect(
      b.shops.createCsvShop.mutate({ name: 'again', region: 'US', platformShopId: 'SC-1' }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', appCode: 'SHOP_ALREADY_EXISTS' } });
  });
});
