import { decrypt } from '@switchyard/auth';
import { Browser, hiddenInput } from '@switchyard/infra/browser';
import { mapSimCatalog } from '@switchyard/infra/sim-catalog';
import { reconcilerWorkflowId, tokenKeeperWorkflowId } from '@switchyard/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeShop } from '../harness/oauth.ts';
import { type Platform, startPlatform } from '../harness/platform.ts';

/** R-ONB-1: a seller binds its shop in one click, over real HTTP, consent page included. */
describe('onboarding by OAuth', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ tenants: 0 });
  });
  afterAll(async () => {
    await p?.close();
  });

  const authorize = (shopId: string, browser?: Browser) => authorizeShop(p.apiUrl, shopId, browser);

  const count = async (table: 'tenants' | 'shops' | 'sessions') =>
    (await p.admin.selectFrom(table).selectAll().execute()).length;
  const ordersOf = async (b: Browser) => {
    const res = await b.request(`${p.apiUrl}/trpc/orders.list?input=${encodeURIComponent('{}')}`);
    return {
      status: res.status,
      body: (await res.json()) as {
        result?: { data: { items: Array<{ orderNumber: string; status: string }> } };
      },
    };
  };

  it('binds the shop, stores its tokens encrypted, starts a session and its shop workflows; orders flow', async () => {
    const simShop = p.tts.createShop({ region: 'US', name: 'Lucky Lamps' });
    const { browser, res } = await authorize(simShop.id);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Lucky Lamps');
    const session = res.headers.getSetCookie().find((c) => c.startsWith('sy_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/Secure/);
    expect(session).toMatch(/SameSite=Lax/);

    const shop = await p.admin
      .selectFrom('shops')
      .selectAll()
      .where('platform_shop_id', '=', simShop.id)
      .executeTakeFirstOrThrow();
    expect(shop.access_token_enc).not.toMatch(/TTP_|ROW_/);
    expect(decrypt(p.keyring, shop.access_token_enc!)).toMatch(/^TTP_/);
    for (const id of [tokenKeeperWorkflowId(shop.id), reconcilerWorkflowId(shop.id)]) {
      expect((await p.temporal.workflow.getHandle(id).describe()).status.name).toBe('RUNNING');
    }

    await mapSimCatalog(p.db, shop.tenant_id); // the seller sets up its SKU mapping (R-CHK-1)
    const order = p.tts.createOrder(simShop.id);
    expect(await p.orderResult(shop.tenant_id, shop.id, order.id)).toEqual({ status: 'completed' });
    const listed = await ordersOf(browser);
    expect(listed.status).toBe(200);
    expect(listed.body.result!.data.items).toEqual([
      expect.objectContaining({ orderNumber: order.id, status: 'completed' }),
    ]);
    // Tokens never reach the browser.
    expect(JSON.stringify(listed.body)).not.toContain('TTP_');
  });

  it('re-authorizing updates the shop in place under the same tenant', async () => {
    const before = await p.admin
      .selectFrom('shops')
      .select(['id', 'tenant_id', 'access_token_enc'])
      .executeTakeFirstOrThrow();
    const shopId = (
      await p.admin.selectFrom('shops').select('platform_shop_id').executeTakeFirstOrThrow()
    ).platform_shop_id;
    const tenants = await count('tenants');
    const { res } = await authorize(shopId);
    expect(res.status).toBe(200);
    const after = await p.admin
      .selectFrom('shops')
      .select(['id', 'tenant_id', 'access_token_enc'])
      .executeTakeFirstOrThrow();
    expect(after.id).toBe(before.id);
    expect(after.tenant_id).toBe(before.tenant_id);
    expect(after.access_token_enc).not.toBe(before.access_token_enc);
    expect(await count('tenants')).toBe(tenants);
  });

  it('refuses a tampered, replayed or foreign state, and a denied consent, writing nothing', async () => {
    const simShop = p.tts.createShop({ region: 'US' });
    const { browser, callbackUrl } = await (async () => {
      const b = new Browser();
      const start = await b.request(`${p.apiUrl}/oauth/tiktok/start`);
      const page = await (await b.request(start.headers.get('location')!)).text();
      const consent = new URL('/oauth/authorize', start.headers.get('location')!).toString();
      const allowed = await b.submit(consent, [
        ['state', hiddenInput(page, 'state')!],
        ['shop_id', simShop.id],
        ['decision', 'allow'],
      ]);
      return { browser: b, callbackUrl: allowed.headers.get('location')! };
    })();
    const counts = async () => [
      await count('tenants'),
      await count('shops'),
      await count('sessions'),
    ];
    const before = await counts();
    const expectRefused = async (res: Response, code: string) => {
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('sy_session='))).toBe(false);
    };

    const tampered = new URL(callbackUrl);
    const st = tampered.searchParams.get('state')!;
    tampered.searchParams.set('state', (st[0] === 'A' ? 'B' : 'A') + st.slice(1));
    await expectRefused(await browser.request(tampered.toString()), 'OAUTH_STATE_INVALID');
    // The right state from another browser (a CSRF attempt) is refused and not consumed.
    await expectRefused(await new Browser().request(callbackUrl), 'OAUTH_STATE_INVALID');
    expect(await counts()).toEqual(before);

    const ok = await browser.request(callbackUrl);
    expect(ok.status).toBe(200);
    const afterOk = await counts();
    await expectRefused(await browser.request(callbackUrl), 'OAUTH_STATE_INVALID'); // replay
    expect(await counts()).toEqual(afterOk);

    const b2 = new Browser();
    const start = await b2.request(`${p.apiUrl}/oauth/tiktok/start`);
    const page = await (await b2.request(start.headers.get('location')!)).text();
    const denied = await b2.submit(
      new URL('/oauth/authorize', start.headers.get('location')!).toString(),
      [
        ['state', hiddenInput(page, 'state')!],
        ['decision', 'deny'],
      ],
    );
    await expectRefused(await b2.request(denied.headers.get('location')!), 'OAUTH_DENIED');
    expect(await counts()).toEqual(afterOk);
  });

  it('refuses an authorization code that expired (30 min) and binds nothing', async () => {
    const simShop = p.tts.createShop({ region: 'US' });
    const b = new Browser();
    const start = await b.request(`${p.apiUrl}/oauth/tiktok/start`);
    const page = await (await b.request(start.headers.get('location')!)).text();
    const allowed = await b.submit(
      new URL('/oauth/authorize', start.headers.get('location')!).toString(),
      [
        ['state', hiddenInput(page, 'state')!],
        ['shop_id', simShop.id],
        ['decision', 'allow'],
      ],
    );
    const shops = await count('shops');
    p.tts.advance(31 * 60 * 1000); // the seller left the tab open; last test of the file: the sim clock stays ahead
    const res = await b.request(allowed.headers.get('location')!);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'OAUTH_CODE_INVALID',
    );
    expect(await count('shops')).toBe(shops);
  });
});
