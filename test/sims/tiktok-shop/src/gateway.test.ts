import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTikTokShopSim, type TikTokShopSim } from './sim.ts';
import { APP_KEY, APP_SECRET, call, onboard, signedUrl } from './test-support.ts';

let sim: TikTokShopSim;
let token: string;
let cipher: string;

beforeAll(async () => {
  sim = await startTikTokShopSim({ appKey: APP_KEY, appSecret: APP_SECRET, seed: 1, onHoldMs: 0 });
  const o = await onboard(sim);
  token = o.token;
  cipher = o.shop.cipher;
});
afterAll(() => sim.close());

const SHOPS = '/authorization/202309/shops';
const JSON_TYPE = { 'content-type': 'application/json' };

describe('gateway verification (reference §2, §6)', () => {
  it('accepts a correctly signed request and answers the envelope', async () => {
    const r = await call(sim, 'GET', SHOPS, { token });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ code: 0, message: 'Success', data: { shops: [{ cipher }] } });
    expect(r.json).toHaveProperty('request_id');
  });

  it('rejects a wrong secret, a tampered body and an uppercase sign with 106001', async () => {
    expect((await call(sim, 'GET', SHOPS, { token, secret: 'nope' })).json.code).toBe(106001);
    const path = '/order/202309/orders/search';
    const url = signedUrl(sim, path, {
      query: { shop_cipher: cipher, page_size: '10' },
      body: '{"a":1}',
    });
    const tampered = await fetch(url, {
      method: 'POST',
      headers: { 'x-tts-access-token': token, 'content-type': 'application/json' },
      body: '{"a": 1}', // same JSON, different bytes: must not verify
    });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { code: number }).code).toBe(106001);
    const upper = signedUrl(sim, SHOPS).replace(
      /sign=([0-9a-f]+)/,
      (_m, s: string) => `sign=${s.toUpperCase()}`,
    );
    const r = await fetch(upper, { headers: { 'x-tts-access-token': token, ...JSON_TYPE } });
    expect(((await r.json()) as { code: number }).code).toBe(106001);
  });

  it('does not sign access_token or sign itself, and a query param added after signing breaks it', async () => {
    const url = `${signedUrl(sim, SHOPS)}&access_token=whatever`;
    const ok = await fetch(url, { headers: { 'x-tts-access-token': token, ...JSON_TYPE } });
    expect(((await ok.json()) as { code: number }).code).toBe(0);
    const extra = await fetch(`${signedUrl(sim, SHOPS)}&page_size=5`, {
      headers: { 'x-tts-access-token': token, ...JSON_TYPE },
    });
    expect(((await extra.json()) as { code: number }).code).toBe(106001);
  });

  it('requires Content-Type: application/json on every call, GETs included (reference §0)', async () => {
    const get = (headers: Record<string, string>) =>
      fetch(signedUrl(sim, SHOPS), { headers: { 'x-tts-access-token': token, ...headers } });
    const refused: Array<Record<string, string>> = [
      {},
      { 'content-type': 'text/plain' },
      { 'content-type': 'multipart/form-data' },
    ];
    for (const headers of refused) {
      const r = await get(headers);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ code: 36009022 });
    }
    for (const type of ['application/json', 'Application/JSON; charset=utf-8'])
      expect(((await (await get({ 'content-type': type })).json()) as { code: number }).code).toBe(
        0,
      );
  });

  it('answers missing credentials with 36009004', async () => {
    const r = await fetch(`${sim.url}${SHOPS}?app_key=${APP_KEY}`, {
      headers: { 'x-tts-access-token': token, ...JSON_TYPE },
    });
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ code: 36009004, message: 'Missing credentials' });
  });

  it('enforces the timestamp window [now-300s, now+30s]', async () => {
    const now = Math.floor(sim.now() / 1000);
    for (const [ts, code] of [
      // 10 s of slack each side: the clock moves on while a loaded machine runs the test.
      [now - 290, 0],
      [now + 20, 0],
      [now - 310, 36009004],
      [now + 40, 36009004],
    ] as const) {
      const r = await call(sim, 'GET', SHOPS, { token, ts });
      expect(r.json.code, `ts offset ${ts - now}`).toBe(code);
      if (code) expect(r.json.message).toBe('Invalid timestamp');
    }
  });

  it('checks the token header: missing/unknown/revoked 36009004, expired 105002', async () => {
    expect((await call(sim, 'GET', SHOPS)).json.code).toBe(36009004);
    expect((await call(sim, 'GET', SHOPS, { token: 'TTP_unknown' })).json.code).toBe(36009004);
    const revoked = await onboard(sim);
    sim.revokeAccessToken(revoked.token);
    expect((await call(sim, 'GET', SHOPS, { token: revoked.token })).json).toMatchObject({
      code: 36009004,
      message: expect.stringMatching(/access token/i),
    });
    const other = await onboard(sim);
    sim.expireAccessToken(other.token);
    const r = await call(sim, 'GET', SHOPS, { token: other.token });
    expect(r.status).toBe(401);
    expect(r.json.code).toBe(105002);
  });

  it('rejects shop_cipher on /authorization, requires it on shop APIs, matches it to the token', async () => {
    const unexpected = await call(sim, 'GET', SHOPS, { token, query: { shop_cipher: cipher } });
    expect(unexpected.json).toMatchObject({
      code: 36009004,
      message: 'Unexpected identifier: shop_cipher',
    });
    const path = '/logistics/202309/delivery_options/7129736414200055595/shipping_providers';
    expect((await call(sim, 'GET', path, { token })).json.code).toBe(106013);
    const stranger = await onboard(sim);
    expect(
      (await call(sim, 'GET', path, { token, query: { shop_cipher: stranger.shop.cipher } })).json
        .code,
    ).toBe(101000);
    expect(
      (await call(sim, 'GET', path, { token, query: { shop_cipher: cipher } })).json.code,
    ).toBe(0);
  });

  it('rate-limits with HTTP 429, 36009002 and Retry-After, refilling over time', async () => {
    sim.faults.rateLimit = { perSecond: 2, burst: 2 };
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await call(sim, 'GET', SHOPS, { token })).json.code);
      expect(codes).toEqual([0, 0, 36009002]);
      const limited = await call(sim, 'GET', SHOPS, { token });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      sim.advance(1000);
      expect((await call(sim, 'GET', SHOPS, { token })).json.code).toBe(0);
    } finally {
      sim.faults.rateLimit = undefined;
    }
  });

  it('injects 5xx faults with 36009003', async () => {
    sim.faults.failRate = 1;
    try {
      const r = await call(sim, 'GET', SHOPS, { token });
      expect(r.status).toBe(500);
      expect(r.json.code).toBe(36009003);
    } finally {
      sim.faults.failRate = 0;
    }
  });

  it('answers unknown paths with 36009009', async () => {
    const r = await fetch(`${sim.url}/nope/202309/x`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { code: number }).code).toBe(36009009);
  });
});
