import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Relative import on purpose: the simulator is a test-only workspace package and this package
// must not depend on it at runtime.
import {
  startTikTokShopSim,
  type TikTokShopSim,
} from '../../../test/sims/tiktok-shop/src/index.ts';
import { createTikTokShopClient, type TikTokShopClientConfig } from './client.ts';
import { verifyWebhook } from './sign.ts';
import type { CallRecord } from './transport.ts';
import { parseWebhook, type TtsWebhookEvent } from './webhook.ts';

const APP_KEY = 'sim_app_key';
const APP_SECRET = 'sim_app_secret';
const USPS = '7117858858072016686';
const USPS_TRACKING = '9400111206206406260787';

let sim: TikTokShopSim;
let receiver: Server;
const events: TtsWebhookEvent[] = [];
let badSignatures = 0;

function makeClient(over: Partial<TikTokShopClientConfig> = {}) {
  return createTikTokShopClient({
    apiBaseUrl: sim.url,
    authBaseUrl: sim.url,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    now: () => sim.now(),
    sleep: async (ms) => sim.advance(ms),
    ...over,
  });
}

async function onboard(region = 'US') {
  const shop = sim.createShop({ region });
  const tts = makeClient();
  const tokens = await tts.getToken(sim.issueAuthCode([shop.id]));
  const [listed] = await tts.getAuthorizedShops(tokens.accessToken);
  if (!listed) throw new Error('no shop listed');
  return {
    shop,
    tokens,
    auth: { accessToken: tokens.accessToken, shopCipher: listed.cipher },
    tts,
  };
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const signature = req.headers.authorization;
      if (!verifyWebhook({ appKey: APP_KEY, appSecret: APP_SECRET, rawBody: raw, signature })) {
        badSignatures++;
        res.writeHead(401).end();
        return;
      }
      events.push(parseWebhook(raw));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  sim = await startTikTokShopSim({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    seed: 42,
    onHoldMs: 0,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/tiktok`,
    webhookRetryScheduleMs: [10, 20],
  });
});

afterAll(async () => {
  await sim?.close();
  await new Promise<void>((r) => receiver?.close(() => r()));
});

describe('client ↔ simulator contract', () => {
  it('onboards a shop: token exchange with absolute expiries, then authorized shops', async () => {
    const shop = sim.createShop({ region: 'GB', name: 'Contract Shop', sellerType: 'LOCAL' });
    const tts = makeClient();
    const tokens = await tts.getToken(sim.issueAuthCode([shop.id]));
    expect(tokens.accessToken).toMatch(/^TTP_/);
    const sevenDays = sim.now() + 7 * 24 * 3600_000;
    expect(Math.abs(tokens.accessTokenExpiresAt.getTime() - sevenDays)).toBeLessThan(2000);
    expect(tokens.refreshTokenExpiresAt.getTime()).toBeGreaterThan(
      tokens.accessTokenExpiresAt.getTime(),
    );
    expect(tokens.grantedScopes).toContain('seller.order.info');
    expect(tokens.sellerBaseRegion).toBe('GB');
    expect(await tts.getAuthorizedShops(tokens.accessToken)).toEqual([
      {
        id: shop.id,
        name: 'Contract Shop',
        region: 'GB',
        sellerType: 'LOCAL',
        cipher: shop.cipher,
        code: shop.code,
      },
    ]);
  });

  it('rejects a reused, expired or unknown auth code with TTS_INVALID_AUTH_CODE', async () => {
    const shop = sim.createShop();
    const tts = makeClient();
    const code = sim.issueAuthCode([shop.id]);
    await tts.getToken(code);
    await expect(tts.getToken(code)).rejects.toMatchObject({
      code: 'TTS_INVALID_AUTH_CODE',
      ttsCode: 36004004,
    });
    const late = sim.issueAuthCode([shop.id]);
    sim.advance(31 * 60_000);
    await expect(tts.getToken(late)).rejects.toMatchObject({ code: 'TTS_INVALID_AUTH_CODE' });
    await expect(tts.getToken('ROW_nope')).rejects.toMatchObject({ code: 'TTS_INVALID_AUTH_CODE' });
  });

  it('ships an order end to end: detail, providers, mark shipped, signed webhooks', async () => {
    const { shop, auth, tts } = await onboard();
    const created = sim.createOrder(shop.id, {
      items: [{ skuId: '1729384756102938476', quantity: 2 }],
    });
    const [order] = await tts.getOrderDetail(auth, [created.id]);
    expect(order?.status).toBe('AWAITING_SHIPMENT');
    expect(order?.line_items).toHaveLength(2); // one line item per unit
    expect(order?.recipient_address?.phone_number).toMatch(/^\(\+1\)/);
    expect(order?.rts_sla_time).toBe((order?.paid_time ?? 0) + 48 * 3600); // R-SLA-1

    const providers = await tts.getShippingProviders(auth, String(order?.delivery_option_id));
    expect(providers).toContainEqual({ id: USPS, name: 'USPS' });

    const res = await tts.markPackageShipped(auth, created.id, {
      trackingNumber: USPS_TRACKING,
      shippingProviderId: USPS,
    });
    expect(res.orderId).toBe(created.id);
    expect(res.orderLineItemIds.sort()).toEqual(created.lineItems.map((l) => l.id).sort());
    expect(sim.packages(created.id)).toEqual([
      expect.objectContaining({
        id: res.packageId,
        trackingNumber: USPS_TRACKING,
        shippingProviderId: USPS,
      }),
    ]);
    const [after] = await tts.getOrderDetail(auth, [created.id]);
    expect(after?.status).toBe('AWAITING_COLLECTION');
    expect(after?.line_items[0]?.tracking_number).toBe(USPS_TRACKING);

    await sim.webhooksIdle();
    const statuses = events
      .filter((e) => e.kind === 'order_status' && e.orderId === created.id)
      .map((e) => (e.kind === 'order_status' ? e.status : ''));
    expect(statuses).toEqual(['UNPAID', 'AWAITING_SHIPMENT', 'AWAITING_COLLECTION']);
    expect(badSignatures).toBe(0);
  });

  it('delivers a cancellation as CANCEL on the wire, parsed as CANCELLED', async () => {
    const { shop } = await onboard();
    const o = sim.createOrder(shop.id);
    sim.cancel(o.id);
    await sim.webhooksIdle();
    const mine = events.filter((e) => 'orderId' in e && e.orderId === o.id);
    expect(mine.map((e) => e.kind)).toContain('cancellation');
    const last = mine.filter((e) => e.kind === 'order_status').at(-1);
    expect(last).toMatchObject({ kind: 'order_status', status: 'CANCELLED' });
  });

  it('rejects an invalid tracking number and a provider outside the delivery option', async () => {
    const { shop, auth, tts } = await onboard();
    const o = sim.createOrder(shop.id);
    await expect(
      tts.markPackageShipped(auth, o.id, { trackingNumber: '1Z999', shippingProviderId: USPS }),
    ).rejects.toMatchObject({ code: 'TTS_INVALID_TRACKING', ttsCode: 21011022 });
    await expect(
      tts.markPackageShipped(auth, o.id, {
        trackingNumber: USPS_TRACKING,
        shippingProviderId: '123',
      }),
    ).rejects.toMatchObject({ code: 'TTS_INVALID_TRACKING' });
    expect(sim.packages(o.id)).toEqual([]);
  });

  it('fails a bad signature (wrong secret) with TTS_INVALID_SIGN', async () => {
    const { tokens } = await onboard();
    await expect(
      makeClient({ appSecret: 'wrong' }).getAuthorizedShops(tokens.accessToken),
    ).rejects.toMatchObject({
      code: 'TTS_INVALID_SIGN',
      ttsCode: 106001,
    });
  });

  it('fails a cipher of a shop the token does not cover with TTS_BAD_TOKEN_FOR_SHOP', async () => {
    const a = await onboard();
    const b = await onboard();
    await expect(
      a.tts.getOrderDetail({ accessToken: a.tokens.accessToken, shopCipher: b.auth.shopCipher }, [
        '1',
      ]),
    ).rejects.toMatchObject({ code: 'TTS_BAD_TOKEN_FOR_SHOP', ttsCode: 101000 });
    await expect(a.tts.getOrderDetail({ ...a.auth, shopCipher: '' }, ['1'])).rejects.toMatchObject({
      code: 'TTS_SHOP_CIPHER_REQUIRED',
    });
  });

  it('rejects a client clock outside the timestamp window', async () => {
    const { tokens } = await onboard();
    const skewed = makeClient({ now: () => sim.now() - 10 * 60_000 });
    await expect(skewed.getAuthorizedShops(tokens.accessToken)).rejects.toMatchObject({
      code: 'TTS_BAD_REQUEST',
      ttsCode: 36009004,
    });
  });

  it('refreshes once on an expired token via onTokenExpired, and fails without the hook', async () => {
    const { shop, tokens, auth, tts } = await onboard();
    const o = sim.createOrder(shop.id);
    sim.expireAccessToken(tokens.accessToken);
    await expect(tts.getOrderDetail(auth, [o.id])).rejects.toMatchObject({
      code: 'TTS_TOKEN_EXPIRED',
    });
    let refreshed = 0;
    const orders = await tts.getOrderDetail(auth, [o.id], {
      onTokenExpired: async (old) => {
        refreshed++;
        const fresh = await tts.refreshToken(tokens.refreshToken);
        return { ...old, accessToken: fresh.accessToken };
      },
    });
    expect(refreshed).toBe(1);
    expect(orders.map((x) => x.id)).toEqual([o.id]);
    sim.revokeRefreshToken(tokens.refreshToken);
    await expect(tts.refreshToken(tokens.refreshToken)).rejects.toMatchObject({
      code: 'TTS_INVALID_AUTH_CODE',
    });
  });

  it('backs off on HTTP 429 honouring Retry-After', async () => {
    const { shop, auth } = await onboard();
    const records: CallRecord[] = [];
    const sleeps: number[] = [];
    const tts = makeClient({
      onCall: (r) => records.push(r),
      sleep: async (ms) => {
        sleeps.push(ms);
        sim.advance(ms);
      },
      random: () => 0,
    });
    sim.faults.rateLimit = { perSecond: 1, burst: 1 };
    try {
      await tts.getShippingProviders(auth, '7129736414200055595');
      await tts.getShippingProviders(auth, '7129736414200055595');
    } finally {
      sim.faults.rateLimit = undefined;
    }
    expect(records.map((r) => r.httpStatus)).toEqual([200, 429, 200]);
    expect(records[1]?.ttsCode).toBe(36009002);
    expect(sleeps).toEqual([1000]);
    expect(shop.id).toBeTruthy();
  });

  it('retries injected 5xx faults until success', async () => {
    const { auth } = await onboard();
    const records: CallRecord[] = [];
    sim.faults.failRate = 1;
    const tts = makeClient({
      onCall: (r) => {
        records.push(r);
        if (records.length === 2) sim.faults.failRate = 0;
      },
    });
    await expect(tts.getShippingProviders(auth, '7129736414200055595')).resolves.not.toHaveLength(
      0,
    );
    expect(records.map((r) => r.ttsCode)).toEqual([36009003, 36009003, 0]);
  });

  it('pages through searchOrders with an opaque cursor and filters', async () => {
    const { shop, auth, tts } = await onboard();
    const ids = new Set(Array.from({ length: 5 }, () => sim.createOrder(shop.id).id));
    sim.createOrder(shop.id, { paid: false });
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await tts.searchOrders(auth, {
        pageSize: 2,
        pageToken,
        orderStatus: 'AWAITING_SHIPMENT',
      });
      expect(page.totalCount).toBe(5);
      seen.push(...page.orders.map((o) => String(o.id)));
      pageToken = page.nextPageToken || undefined;
      pages++;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(ids);
    const unpaid = await tts.searchOrders(auth, { pageSize: 10, orderStatus: 'UNPAID' });
    expect(unpaid.orders).toHaveLength(1);
    expect(unpaid.orders[0]?.recipient_address).toBeUndefined(); // withheld while UNPAID
    await expect(tts.searchOrders(auth, { pageSize: 0 })).rejects.toThrow(RangeError);
  });

  it('updates shipping info within 72 h and refuses afterwards', async () => {
    const { shop, auth, tts } = await onboard();
    const o = sim.createOrder(shop.id);
    await tts.markPackageShipped(auth, o.id, {
      trackingNumber: USPS_TRACKING,
      shippingProviderId: USPS,
    });
    await tts.updateShippingInfo(auth, o.id, {
      trackingNumber: '9400111206206406260788',
      shippingProviderId: USPS,
    });
    expect(sim.packages(o.id)[0]?.trackingNumber).toBe('9400111206206406260788');
    sim.advance(73 * 3600_000);
    await expect(
      tts.updateShippingInfo(auth, o.id, {
        trackingNumber: USPS_TRACKING,
        shippingProviderId: USPS,
      }),
    ).rejects.toMatchObject({ code: 'TTS_BAD_REQUEST', ttsCode: 21011051 });
  });

  it('refuses getOrderDetail with more than 50 ids before calling TikTok', async () => {
    const { auth, tts } = await onboard();
    const ids = Array.from({ length: 51 }, (_, i) => String(i));
    await expect(tts.getOrderDetail(auth, ids)).rejects.toThrow(RangeError);
  });
});
