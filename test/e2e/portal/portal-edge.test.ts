import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { issueApiToken } from '@switchyard/auth/credentials';
import type { Browser } from '@switchyard/infra/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeShop } from '../../harness/oauth.ts';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import { buildPortalForTest } from '../../harness/portal.ts';

// The api as the portal's server and guard, over HTTP: its pages, their caching and policy, the
// first-load weight, and CSRF on every change a session cookie makes.

const FIRST_LOAD_BUDGET_GZIP = 300 * 1024;

describe('portal pages served by the api', () => {
  let p: Platform;
  let portal: Awaited<ReturnType<typeof buildPortalForTest>>;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${p.apiUrl}${path}`, { headers: { 'accept-encoding': 'gzip', ...headers } });

  beforeAll(async () => {
    portal = await buildPortalForTest();
    p = await startPlatform({ tenants: 1, portalDir: portal.dir });
  });
  afterAll(async () => {
    await p?.close();
    await portal?.close();
  });

  it('serves the page at / and at every portal route, revalidated, under a strict CSP', async () => {
    for (const path of ['/', '/orders', '/orders/7d1c', '/holds', '/sku-mappings']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy')!;
      for (const directive of [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
        "require-trusted-types-for 'script'",
      ])
        expect(csp, path).toContain(directive);
      expect(csp).not.toMatch(/unsafe-|\*/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const html = await res.text();
      expect(html).toContain('<div id="root"></div>');
      // No inline script: every script has a source of the portal's own.
      expect(html.match(/<script\b[^>]*>/g)!.every((tag) => /\bsrc="\/assets\//.test(tag))).toBe(
        true,
      );
    }
  });

  it("leaves the api's own paths alone: they answer JSON, never the portal's page", async () => {
    for (const path of ['/partner/v1/nope', '/v1/nope', '/assets/missing.js', '/trpc']) {
      const res = await get(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
    expect(await (await get('/healthz')).json()).toEqual({ ok: true });
  });

  it('serves hashed assets gzipped and cached for good; first-load JavaScript within budget', async () => {
    const html = await (await get('/')).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    let jsGzipped = 0;
    for (const asset of assets) {
      const res = await fetch(`${p.apiUrl}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('vary')).toBe('accept-encoding');
      expect(res.headers.get('content-encoding')).toBe('gzip');
      const raw = Buffer.from(await (await rawBody(asset)).arrayBuffer());
      expect(gunzipSync(raw).byteLength).toBeGreaterThan(raw.byteLength);
      if (asset.endsWith('.js')) jsGzipped += raw.byteLength;
    }
    console.log(`[portal] first-load JavaScript: ${(jsGzipped / 1024).toFixed(1)} kB gzipped`);
    expect(jsGzipped).toBeLessThan(FIRST_LOAD_BUDGET_GZIP);
    // Without gzip in Accept-Encoding, the plain file.
    const plain = await fetch(`${p.apiUrl}${assets[0]}`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  /** The bytes as sent, before fetch's own decompression. */
  async function rawBody(path: string): Promise<Response> {
    return new Promise((resolve, reject) => {
      request(`${p.apiUrl}${path}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(new Response(Buffer.concat(chunks))));
        res.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
  }

  describe('CSRF', () => {
    let browser: Browser;
    let csrfToken: string;
    const preference = () => JSON.stringify({ supplierId: p.supplierId, preference: 'exclude' });
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      browser.request(`${p.apiUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const appCode = async (res: Response) =>
      ((await res.json()) as { error?: { data?: { appCode?: string } } }).error?.data?.appCode;

    beforeAll(async () => {
      const shop = p.tts.createShop({ region: 'US', name: 'Guarded Goods' });
      ({ browser } = await authorizeShop(p.apiUrl, shop.id));
      const session = await browser.request(`${p.apiUrl}/trpc/session.current`);
      ({ csrfToken } = (
        (await session.json()) as { result: { data: { csrfToken: string } } }
      ).result.data);
    });

    it('refuses a session-cookie change without its token, or with another, before it runs', async () => {
      const attempts: Array<Record<string, string>> = [
        {},
        { 'x-csrf-token': 'forged' },
        { 'x-csrf-token': `${csrfToken}x` },
      ];
      for (const headers of attempts) {
        const res = await post('/trpc/suppliers.setPreference', preference(), headers);
        expect(res.status).toBe(403);
        expect(await appCode(res)).toBe('CSRF_INVALID');
      }
      const shopId = p.tenants[0]!.shopId;
      const upload = await browser.request(`${p.apiUrl}/v1/imports/orders?shop_id=${shopId}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: 'Order ID\n1\n',
      });
      expect(upload.status).toBe(403);
      const signOut = await post('/trpc/session.signOut', '{}');
      expect(signOut.status).toBe(403);
      const still = await browser.request(`${p.apiUrl}/trpc/session.current`);
      expect(await still.json()).toMatchObject({ result: { data: { signedIn: true } } });
    });

    it('takes the change with the token; reads and API-token calls need none', async () => {
      const ok = await post('/trpc/suppliers.setPreference', preference(), {
        'x-csrf-token': csrfToken,
      });
      expect(ok.status).toBe(200);
      expect((await browser.request(`${p.apiUrl}/trpc/suppliers.list?input=%7B%7D`)).status).toBe(
        200,
      );
      const token = await issueApiToken(p.db, p.tenants[0]!.tenantId, 'erp');
      const machine = await fetch(`${p.apiUrl}/trpc/suppliers.setPreference`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ supplierId: p.supplierId, preference: 'none' }),
      });
      expect(machine.status).toBe(200);
    });

    it('signs out with the token: the session is revoked and its cookie cleared', async () => {
      const session = browser.cookie(p.apiUrl, 'sy_session')!;
      const res = await post('/trpc/session.signOut', '{}', { 'x-csrf-token': csrfToken });
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie().some((c) => /^sy_session=;.*Max-Age=0/.test(c))).toBe(true);
      // The old cookie, replayed, names no one any more.
      const after = await fetch(`${p.apiUrl}/trpc/session.current`, {
        headers: { cookie: `sy_session=${session}` },
      });
      expect(await after.json()).toMatchObject({
        result: { data: { signedIn: false, csrfToken: null } },
      });
    });
  });
});
