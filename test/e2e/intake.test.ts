import { decrypt } from '@switchyard/auth';
import { reconcilerWorkflowId } from '@switchyard/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

/** R-IN-1, R-IN-2, R-ONB-2: no order lost or handled twice, whatever webhooks and tokens do. */
describe('intake without loss', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ tenants: 1 });
  });
  afterAll(async () => {
    await p?.close();
  });

  const shop = () => p.admin.selectFrom('shops').selectAll().executeTakeFirstOrThrow();
  const accessToken = async () => decrypt(p.keyring, (await shop()).access_token_enc!);

  it('with 30% of webhooks dropped and 30% duplicated, every order is fulfilled exactly once', async () => {
    const t = p.tenants[0]!;
    Object.assign(p.tts.faults, { dropWebhookRate: 0.3, duplicateWebhookRate: 0.3 });
    const orders = Array.from({ length: 20 }, () => p.tts.createOrder(t.simShopId));
    for (const o of orders)
      expect(await p.orderResult(t.tenantId, t.shopId, o.id)).toEqual({ status: 'completed' });
    Object.assign(p.tts.faults, { dropWebhookRate: 0, duplicateWebhookRate: 0 });

    const log = p.tts.webhookLog();
    expect(log.some((w) => w.status === 'dropped')).toBe(true); // the faults really happened
    for (const o of orders) expect(p.tts.packages(o.id)).toHaveLength(1);
    const ledger = await p.admin
      .selectFrom('ledger_entries')
      .select('order_id')
      .where('kind', '=', 'order_fee')
      .execute();
    expect(ledger).toHaveLength(orders.length);
    const dispatches = await p.admin.selectFrom('dispatches').select('order_id').execute();
    expect(new Set(dispatches.map((d) => d.order_id)).size).toBe(dispatches.length);
    // Reconciliation's marketplace calls are logged too (R-DIAG-1).
    const searches = await p.admin
      .selectFrom('api_calls')
      .select('endpoint')
      .where('endpoint', 'like', '%orders/search%')
      .execute();
    expect(searches.length).toBeGreaterThan(0);
  });

  it('an access token that expires mid-flight is refreshed and the order still completes', async () => {
    const t = p.tenants[0]!;
    const before = await accessToken();
    p.tts.expireAccessToken(before);
    const order = p.tts.createOrder(t.simShopId);
    expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toEqual({ status: 'completed' });
    expect(await accessToken()).not.toBe(before);
    const expired = await p.admin
      .selectFrom('api_calls')
      .select('code')
      .where('code', '=', '105002')
      .execute();
    expect(expired.length).toBeGreaterThan(0);
  });

  it('a refresh refused for good marks the shop, tells the tenant, and the order resumes after re-authorization', async () => {
    const t = p.tenants[0]!;
    const s = await shop();
    p.tts.revokeRefreshToken(decrypt(p.keyring, s.refresh_token_enc!));
    p.tts.expireAccessToken(await accessToken());
    const order = p.tts.createOrder(t.simShopId);
    await eventually(async () => (await shop()).status === 'needs_reauth');
    const notes = await p.admin.selectFrom('notifications').select(['kind', 'message']).execute();
    expect(notes.map((n) => n.kind)).toContain('shop_needs_reauth');
    expect(JSON.stringify(notes)).not.toMatch(/TTP_/);

    await p.onboard({ authCode: p.tts.issueAuthCode([t.simShopId]) });
    expect((await shop()).status).toBe('active');
    expect(await p.orderResult(t.tenantId, t.shopId, order.id, 120_000)).toEqual({
      status: 'completed',
    });
    expect(p.tts.packages(order.id)).toHaveLength(1);
  });

  it('a seller deauthorization marks the shop, tells the tenant and stops reconciliation', async () => {
    const t = p.tenants[0]!;
    p.tts.deauthorize(t.simShopId);
    await eventually(async () => (await shop()).status === 'deauthorized');
    const kinds = (await p.admin.selectFrom('notifications').select('kind').execute()).map(
      (n) => n.kind,
    );
    expect(kinds).toContain('shop_deauthorized');
    const reconciler = p.temporal.workflow.getHandle(reconcilerWorkflowId(t.shopId));
    await eventually(async () => (await reconciler.describe()).status.name === 'COMPLETED', 15_000);
  });
});
