import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTikTokShopSim, type TikTokShopSim } from './sim.ts';
import { APP_KEY, APP_SECRET } from './test-support.ts';

let sim: TikTokShopSim;
let t = Date.parse('2026-03-01T00:00:00Z');

beforeAll(async () => {
  sim = await startTikTokShopSim({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    serviceId: '7123',
    redirectUrl: 'https://app.example/oauth/callback',
    now: () => t,
    seed: 7,
  });
});
afterAll(() => sim.close());

async function token(path: string, q: Record<string, string>) {
  const res = await fetch(
    `${sim.url}${path}?${new URLSearchParams({ app_key: APP_KEY, app_secret: APP_SECRET, ...q })}`,
  );
  return {
    status: res.status,
    body: (await res.json()) as { code: number; message: string; data: Record<string, unknown> },
  };
}
const get = (code: string, grant = 'authorized_code') =>
  token('/api/v2/token/get', { auth_code: code, grant_type: grant });

describe('auth server (reference §1)', () => {
  it('exchanges a code once, with absolute expiry timestamps and TTP_ tokens', async () => {
    const shop = sim.createShop();
    const code = sim.issueAuthCode([shop.id]);
    const first = await get(code);
    expect(first.body.code).toBe(0);
    const d = first.body.data;
    expect(d.access_token).toMatch(/^TTP_/);
    expect(d.access_token_expire_in).toBe(Math.floor(t / 1000) + 7 * 24 * 3600);
    expect(d.user_type).toBe(0);
    expect((await get(code)).body).toMatchObject({ code: 36004004, message: 'Invalid auth code' });
  });

  it('expires codes after 30 minutes', async () => {
    const shop = sim.createShop();
    const fresh = sim.issueAuthCode([shop.id]);
    const stale = sim.issueAuthCode([shop.id]);
    t += 29 * 60_000;
    expect((await get(fresh)).body.code).toBe(0);
    t += 2 * 60_000;
    expect((await get(stale)).body.code).toBe(36004004);
  });

  it('insists on the literal grant_type and the app credentials', async () => {
    const shop = sim.createShop();
    const code = sim.issueAuthCode([shop.id]);
    expect((await get(code, 'authorization_code')).body.code).toBe(36009004);
    const wrongSecret = await fetch(
      `${sim.url}/api/v2/token/get?${new URLSearchParams({ app_key: APP_KEY, app_secret: 'x', auth_code: code, grant_type: 'authorized_code' })}`,
    );
    expect(((await wrongSecret.json()) as { code: number }).code).toBe(36009004);
    expect((await get(code)).body.code).toBe(0); // failed attempts did not consume the code
  });

  it('refreshes until the refresh token is revoked', async () => {
    const shop = sim.createShop();
    const { data } = (await get(sim.issueAuthCode([shop.id]))).body;
    const refresh = String(data.refresh_token);
    const r = await token('/api/v2/token/refresh', {
      refresh_token: refresh,
      grant_type: 'refresh_token',
    });
    expect(r.body.code).toBe(0);
    expect(r.body.data.access_token).not.toBe(data.access_token);
    sim.revokeRefreshToken(refresh);
    const dead = await token('/api/v2/token/refresh', {
      refresh_token: refresh,
      grant_type: 'refresh_token',
    });
    // Not 36004004, which is the auth code's: the catch-all, naming the refresh token.
    expect(dead.body.code).toBe(36009004);
    expect(dead.body.message).toMatch(/refresh token/i);
    const unknown = await token('/api/v2/token/refresh', {
      refresh_token: 'TTP_never_issued',
      grant_type: 'refresh_token',
    });
    expect(unknown.body).toMatchObject({ code: 36009004, message: dead.body.message });
  });

  it('answers an expired refresh token the same way', async () => {
    const shop = sim.createShop();
    const { data } = (await get(sim.issueAuthCode([shop.id]))).body;
    sim.advance((Number(data.refresh_token_expire_in) + 1) * 1000 - sim.now());
    const dead = await token('/api/v2/token/refresh', {
      refresh_token: String(data.refresh_token),
      grant_type: 'refresh_token',
    });
    expect(dead.body.code).toBe(36009004);
    expect(dead.body.message).toMatch(/refresh token is expired/i);
  });

  it('serves a consent page that issues a code and redirects with state', async () => {
    const shop = sim.createShop({ name: 'Consent <Shop>' });
    const page = await fetch(`${sim.url}/oauth/authorize?service_id=7123&state=xyz`);
    const html = await page.text();
    expect(html).toContain('Consent &#60;Shop&#62;');
    expect(html).toContain('name="state" value="xyz"');
    expect((await fetch(`${sim.url}/oauth/authorize?service_id=999&state=x`)).status).toBe(404);

    const form = new URLSearchParams({ state: 'xyz', shop_id: shop.id, decision: 'allow' });
    const res = await fetch(`${sim.url}/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location') ?? '');
    expect(loc.origin + loc.pathname).toBe('https://app.example/oauth/callback');
    expect(loc.searchParams.get('state')).toBe('xyz');
    expect((await get(loc.searchParams.get('code') ?? '')).body.code).toBe(0);

    const deny = await fetch(`${sim.url}/oauth/authorize`, {
      method: 'POST',
      body: new URLSearchParams({ state: 's', decision: 'deny' }),
      redirect: 'manual',
    });
    expect(new URL(deny.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'auth_denied',
    );
  });
});
