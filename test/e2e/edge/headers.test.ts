import type { IncomingHttpHeaders } from 'node:http';
import { Browser, hiddenInput } from '@switchyard/infra/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import { orderNotification, signed } from '../bad-input/helpers.ts';
import { bearer, send, startApi, trpcUrl } from './helpers.ts';

// Every answer of every surface, success or refusal, carries the same protective headers;
// answers that carry secrets (tokens, sessions, buyer data) are never stored by a cache.

type Headers = IncomingHttpHeaders | Record<string, string | undefined>;

function expectProtected(h: Headers) {
  expect({
    nosniff: h['x-content-type-options'],
    frames: h['x-frame-options'],
    referrer: h['referrer-policy'],
    cache: h['cache-control'],
  }).toEqual({ nosniff: 'nosniff', frames: 'DENY', referrer: 'no-referrer', cache: 'no-store' });
  const csp = String(h['content-security-policy']);
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
}

describe('response headers', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ tenants: 1 });
  });
  afterAll(async () => {
    await p?.close();
  });
  const url = (path: string) => `${p.apiUrl}${path}`;
  const json = { 'content-type': 'application/json' };

  it.each([
    ['health', 200, () => send(url('/healthz'))],
    [
      'tRPC query',
      200,
      () => send(trpcUrl(p.apiUrl, ['orders.list']), { headers: bearer(p.tenants[0]!.apiToken) }),
    ],
    ['tRPC without a token', 401, () => send(trpcUrl(p.apiUrl, ['orders.list']))],
    ['tRPC batch too large', 413, () => send(trpcUrl(p.apiUrl, Array(11).fill('orders.list')))],
    ['partner contract', 200, () => send(url('/partner/v1/openapi.json'))],
    [
      'partner call with a bad key',
      401,
      () =>
        send(url(`/partner/v1/dispatches/d_${'0'.repeat(32)}/ack`), {
          method: 'POST',
          headers: { ...bearer('sy_pk_x'), ...json },
          body: '{}',
        }),
    ],
    [
      // Answered with the headers built in (jsonWithHeaders) rather than added afterwards.
      'webhook accepted',
      200,
      () => {
        const n = orderNotification(p.tenants[0]!.simShopId, { type: 99 });
        const headers = { ...json, ...signed(n.raw) };
        return send(url('/webhooks/tiktok'), { method: 'POST', headers, body: n.raw });
      },
    ],
    [
      'webhook with a bad signature',
      401,
      () => send(url('/webhooks/tiktok'), { method: 'POST', headers: json, body: '{}' }),
    ],
    ['OAuth start', 302, () => send(url('/oauth/tiktok/start'))],
    ['OAuth callback with a bad state', 400, () => send(url('/oauth/tiktok/callback?state=x'))],
    [
      'CSV upload without a token',
      401,
      () => send(url('/v1/imports/orders'), { method: 'POST', body: 'a,b\n' }),
    ],
    ['unknown route', 404, () => send(url('/nope'))],
  ])('protects the answer of %s (%i)', async (_, status, call) => {
    const answer = await call();
    expect(answer.status).toBe(status);
    expectProtected(answer.headers);
    expect(answer.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS only for requests that came over TLS, as told by a trusted proxy', async () => {
    const proxied = await startApi(p, { trustedProxies: ['127.0.0.1'] });
    try {
      const viaTls = await send(`${proxied.url}/healthz`, {
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(viaTls.headers['strict-transport-security']).toBe(
        'max-age=15552000; includeSubDomains',
      );
      expectProtected(viaTls.headers);
      const plain = await send(`${proxied.url}/healthz`, {
        headers: { 'x-forwarded-proto': 'http' },
      });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
    // The platform's api trusts no proxy: anyone could send the header.
    const spoofed = await send(url('/healthz'), { headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers the one-time API token with no-store', async () => {
    const created = await send(url('/trpc/apiTokens.create'), {
      method: 'POST',
      headers: { ...bearer(p.tenants[0]!.apiToken), ...json },
      body: JSON.stringify({ name: 'ERP' }),
    });
    expect(created.status).toBe(200);
    expect(created.text).toContain('sy_live_');
    expectProtected(created.headers);
  });

  it('answers the OAuth callback that starts a session with no-store, and its page needs nothing the policy blocks', async () => {
    const shop = p.tts.createShop({ region: 'US', name: 'Quiet Quilts' });
    const browser = new Browser();
    const start = await browser.request(url('/oauth/tiktok/start'));
    const consentUrl = start.headers.get('location')!;
    const state = hiddenInput(await (await browser.request(consentUrl)).text(), 'state')!;
    const allowed = await browser.submit(new URL('/oauth/authorize', consentUrl).toString(), [
      ['state', state],
      ['shop_id', shop.id],
      ['decision', 'allow'],
    ]);
    const callback = await browser.request(allowed.headers.get('location')!);
    expect(callback.status).toBe(200);
    expect(callback.headers.getSetCookie().some((c) => c.startsWith('sy_session='))).toBe(true);
    expectProtected(Object.fromEntries(callback.headers));
    expect(callback.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await callback.text();
    expect(page).toContain('<h1>Shops connected to Switchyard</h1>');
    expect(page).toContain('Quiet Quilts');
    // default-src 'none' blocks scripts, styles, images and fonts: the page uses none.
    expect(page).not.toMatch(/<script|<style|<link|<img|style=/i);
  });
});
