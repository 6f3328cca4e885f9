import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import { orderNotification, signed } from '../bad-input/helpers.ts';
import { type Answer, bearer, expectRateLimited, send, startApi, trpcUrl } from './helpers.ts';

// Each rate refuses the one client that exceeds it with 429 RATE_LIMITED and Retry-After,
// while another tenant, key or address carries on. Marketplace webhooks are never refused.
// Every limit here is 5 requests, refilled at one per 20 s, so nothing refills mid-test.
const LOW = { perSecond: 0.05, burst: 5 };
const UNKNOWN_DISPATCH = `d_${'0'.repeat(32)}`;

describe('rate limits', () => {
  let p: Platform;
  let api: Awaited<ReturnType<typeof startApi>>;
  let otherPartnerKey: string;
  beforeAll(async () => {
    p = await startPlatform({ tenants: 2 });
    api = await startApi(p, {
      rates: { tenant: LOW, partnerKey: LOW, ip: LOW, authFailures: LOW },
    });
    ({ partnerKey: otherPartnerKey } = await p.registerIdleSupplier('factory-b', {
      countries: ['US'],
      carriers: ['USPS'],
    }));
  });
  afterAll(async () => {
    await api?.close();
    await p?.close();
  });

  const orders = (token: string, from?: string) =>
    send(trpcUrl(api.url, ['orders.list']), { headers: bearer(token), localAddress: from });
  const ack = (key: string) =>
    send(`${api.url}/partner/v1/dispatches/${UNKNOWN_DISPATCH}/ack`, {
      method: 'POST',
      headers: { ...bearer(key), 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'api' }),
    });
  const oauthStart = (from: string) =>
    send(`${api.url}/oauth/tiktok/start`, { localAddress: from });
  const statuses = (answers: Answer[]) => answers.map((a) => a.status);

  it("refuses a tenant past its rate, counting each call of a batch, on tRPC and REST alike; another tenant's calls go on", async () => {
    const [a, b] = p.tenants;
    const batch = await send(trpcUrl(api.url, ['orders.list', 'shops.list', 'apiTokens.list']), {
      headers: bearer(a!.apiToken),
    });
    expect(batch.status).toBe(200);
    expect(statuses([await orders(a!.apiToken), await orders(a!.apiToken)])).toEqual([200, 200]);

    expectRateLimited(await orders(a!.apiToken));
    const csv = await send(`${api.url}/v1/exports/shipping.csv?shop_id=${a!.shopId}`, {
      headers: bearer(a!.apiToken),
    });
    expectRateLimited(csv);

    expect((await orders(b!.apiToken)).status).toBe(200);
    const otherCsv = await send(`${api.url}/v1/exports/shipping.csv?shop_id=${b!.shopId}`, {
      headers: bearer(b!.apiToken),
    });
    expect(otherCsv.status).toBe(200);
  });

  it("refuses a partner key past its rate; another supplier's key goes on", async () => {
    const first = await Promise.all(Array.from({ length: 5 }, () => ack(p.partnerKey)));
    expect(statuses(first)).toEqual([404, 404, 404, 404, 404]);
    expectRateLimited(await ack(p.partnerKey));
    expect((await ack(otherPartnerKey)).status).toBe(404);
  });

  it('refuses an address past its rate on OAuth start and callback; another address goes on', async () => {
    const first = await Promise.all(Array.from({ length: 5 }, () => oauthStart('127.0.0.2')));
    expect(statuses(first)).toEqual([302, 302, 302, 302, 302]);
    expectRateLimited(await oauthStart('127.0.0.2'));
    expectRateLimited(
      await send(`${api.url}/oauth/tiktok/callback?state=x&code=y`, { localAddress: '127.0.0.2' }),
    );
    expect((await oauthStart('127.0.0.3')).status).toBe(302);
  });

  it("takes a client's address from X-Forwarded-For only when a trusted proxy sends it", async () => {
    const forwarded = (client: string) => ({ 'x-forwarded-for': client });
    const start = (base: string, headers: Record<string, string>, from = '127.0.0.1') =>
      send(`${base}/oauth/tiktok/start`, { headers, localAddress: from });
    const proxied = await startApi(p, { trustedProxies: ['127.0.0.1'], rates: { ip: LOW } });
    try {
      for (let i = 0; i < 5; i++)
        expect((await start(proxied.url, forwarded('198.51.100.7'))).status).toBe(302);
      expectRateLimited(await start(proxied.url, forwarded('198.51.100.7')));
      // What the client wrote left of the proxy's entry changes nothing.
      expectRateLimited(await start(proxied.url, forwarded('203.0.113.1, 198.51.100.7')));
      expect((await start(proxied.url, forwarded('198.51.100.8'))).status).toBe(302);
    } finally {
      await proxied.close();
    }
    // Without trust, the header is the client's own claim: the peer address counts.
    for (let i = 0; i < 5; i++)
      await start(api.url, forwarded(`198.51.100.${10 + i}`), '127.0.0.7');
    expectRateLimited(await start(api.url, forwarded('198.51.100.99'), '127.0.0.7'));
  });

  it('refuses an address after repeated failed authentication, even with a valid token; another address goes on', async () => {
    const from = '127.0.0.4';
    const failures = [
      await orders('sy_live_guess1', from),
      await orders('sy_live_guess2', from),
      await send(`${api.url}/partner/v1/dispatches/${UNKNOWN_DISPATCH}/ack`, {
        method: 'POST',
        headers: bearer('sy_pk_guess'),
        localAddress: from,
      }),
      await send(`${api.url}/v1/exports/shipping.csv?shop_id=${p.tenants[1]!.shopId}`, {
        headers: bearer('sy_live_guess3'),
        localAddress: from,
      }),
      await orders('sy_live_guess4', from),
    ];
    expect(statuses(failures)).toEqual([401, 401, 401, 401, 401]);
    expectRateLimited(await orders('sy_live_guess5', from));
    expectRateLimited(await orders(p.tenants[1]!.apiToken, from));
    expect((await orders(p.tenants[1]!.apiToken, '127.0.0.5')).status).toBe(200);
  });

  it('accepts and stores every marketplace webhook, from an address that is refused everywhere else', async () => {
    const from = '127.0.0.6';
    await Promise.all(Array.from({ length: 5 }, () => oauthStart(from)));
    expectRateLimited(await oauthStart(from));

    const shopId = p.tenants[0]!.simShopId;
    const notes = Array.from({ length: 20 }, (_, i) =>
      // IN_TRANSIT is stored but starts no workflow: the limit is the only variable here.
      orderNotification(shopId, {
        data: { order_id: `57640000000000${100 + i}`, order_status: 'IN_TRANSIT', update_time: i },
      }),
    );
    const answers = await Promise.all(
      notes.map((n) =>
        send(`${api.url}/webhooks/tiktok`, {
          method: 'POST',
          headers: { ...signed(n.raw), 'content-type': 'application/json' },
          body: n.raw,
          localAddress: from,
        }),
      ),
    );
    expect(statuses(answers)).toEqual(notes.map(() => 200));
    const stored = await p.admin
      .selectFrom('webhook_inbox')
      .select('notification_id')
      .where(
        'notification_id',
        'in',
        notes.map((n) => n.payload.tts_notification_id),
      )
      .execute();
    expect(stored).toHaveLength(notes.length);
  });
});
