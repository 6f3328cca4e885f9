import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../../harness/platform.ts';
import { bearer, expectRefusal, send, startApi, trpcUrl } from './helpers.ts';

// What one request may ask for, and send, is capped per surface with a stable code; the
// refused request runs nothing.

describe('size limits', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ tenants: 1 });
  });
  afterAll(async () => {
    await p?.close();
  });
  const token = () => p.tenants[0]!.apiToken;

  it('refuses a tRPC batch of more than 10 calls with 413 BATCH_TOO_LARGE before any call runs', async () => {
    const lists = (n: number) => Array.from({ length: n }, () => 'orders.list');
    expect(
      (await send(trpcUrl(p.apiUrl, lists(10), { limit: 100 }), { headers: bearer(token()) }))
        .status,
    ).toBe(200);
    const huge = await send(trpcUrl(p.apiUrl, lists(100), { limit: 100 }), {
      headers: bearer(token()),
    });
    expectRefusal(huge, 413, 'BATCH_TOO_LARGE');

    const names = Array.from({ length: 11 }, (_, i) => ({ name: `batch-${i}` }));
    const mutations = await send(
      `${p.apiUrl}/trpc/${names.map(() => 'apiTokens.create').join(',')}?batch=1`,
      {
        method: 'POST',
        headers: { ...bearer(token()), 'content-type': 'application/json' },
        body: JSON.stringify(Object.fromEntries(names.map((n, i) => [i, n]))),
      },
    );
    expectRefusal(mutations, 413, 'BATCH_TOO_LARGE');
    const created = await p.admin
      .selectFrom('api_tokens')
      .select('name')
      .where('name', 'like', 'batch-%')
      .execute();
    expect(created).toEqual([]);
  });

  it('refuses a tRPC answer larger than the cap with 400 RESPONSE_TOO_LARGE; a smaller one passes', async () => {
    const t = p.tenants[0]!;
    for (let i = 0; i < 3; i++) p.tts.createOrder(t.simShopId);
    await eventually(async () => {
      const listed = await send(trpcUrl(p.apiUrl, ['orders.list']), { headers: bearer(token()) });
      return (JSON.parse(listed.text).result.data.items as unknown[]).length >= 3;
    });
    const capped = await startApi(p, { trpcMaxResponseBytes: 1000 });
    try {
      const list = await send(trpcUrl(capped.url, ['orders.list'], { limit: 100 }), {
        headers: bearer(token()),
      });
      expectRefusal(list, 400, 'RESPONSE_TOO_LARGE');
      const shops = await send(trpcUrl(capped.url, ['shops.list']), { headers: bearer(token()) });
      expect(shops.status).toBe(200);
    } finally {
      await capped.close();
    }
  });

  it.each([
    ['tRPC', 256 * 1024, () => `${p.apiUrl}/trpc/apiTokens.create`],
    ['partner API', 128 * 1024, () => `${p.apiUrl}/partner/v1/dispatches/d_${'0'.repeat(32)}/ack`],
    ['OAuth', 1024, () => `${p.apiUrl}/oauth/tiktok/callback`],
  ])('refuses a %s body over %i bytes with 413 PAYLOAD_TOO_LARGE', async (_, limit, url) => {
    const authorization = url().includes('/partner/') ? p.partnerKey : token();
    const post = (bytes: number) =>
      send(url(), {
        method: 'POST',
        headers: { ...bearer(authorization), 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(bytes) }),
      });
    expectRefusal(await post(limit + 1), 413, 'PAYLOAD_TOO_LARGE');
    // Chunked, with no declared length, the same limit holds.
    const chunked = await send(url(), {
      method: 'POST',
      headers: {
        ...bearer(authorization),
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
      },
      body: JSON.stringify({ name: 'x'.repeat(limit + 1) }),
    });
    expectRefusal(chunked, 413, 'PAYLOAD_TOO_LARGE');
  });
});
