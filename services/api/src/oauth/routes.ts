import { randomBytes } from 'node:crypto';
import {
  authenticateSession,
  issueOauthState,
  OAUTH_STATE_TTL_MS,
  redeemOauthState,
  SESSION_TTL_S,
  startSession,
} from '@switchyard/auth/credentials';
import { connectShops } from '@switchyard/workflows';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ApiDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';
import { storableInput } from '../storable-input.ts';

const BROWSER_COOKIE = 'sy_oauth_browser';
const COOKIE = { httpOnly: true, secure: true, sameSite: 'Lax' } as const;
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * Seller onboarding by OAuth (R-ONB-1). `start` binds a single-use `state` to this browser
 * (an HttpOnly cookie) and sends the seller to TikTok's consent page; `callback` accepts the
 * code only with that state from that browser, binds the shops and starts a tenant session.
 * Tokens never reach the browser.
 */
export function oauthRoutes(deps: ApiDeps) {
  const app = new Hono().use('*', storableInput({ json: false }));

  app.get('/start', async (c) => {
    let browser = getCookie(c, BROWSER_COOKIE);
    if (!browser || !/^[A-Za-z0-9_-]{43}$/.test(browser)) {
      browser = randomBytes(32).toString('base64url');
      setCookie(c, BROWSER_COOKIE, browser, {
        ...COOKIE,
        path: '/oauth/tiktok',
        maxAge: OAUTH_STATE_TTL_MS / 1000,
      });
    }
    const session = getCookie(c, SESSION_COOKIE);
    const tenantId = session ? ((await authenticateSession(deps.db, session)) ?? null) : null;
    const state = await issueOauthState(deps.db, { browser, tenantId });
    const target = new URL(deps.tiktok.authorizeUrl);
    target.searchParams.set('service_id', deps.tiktok.serviceId);
    target.searchParams.set('state', state);
    return c.redirect(target.toString(), 302);
  });

  app.get('/callback', async (c) => {
    const state = c.req.query('state') ?? '';
    const browser = getCookie(c, BROWSER_COOKIE) ?? '';
    if (!/^[A-Za-z0-9_-]{43}$/.test(state) || !browser)
      throw new AppError('OAUTH_STATE_INVALID', 'missing or malformed state');
    const issued = await redeemOauthState(deps.db, { state, browser });
    if (!issued)
      throw new AppError(
        'OAUTH_STATE_INVALID',
        'unknown, expired or already used state, or another browser',
      );
    deleteCookie(c, BROWSER_COOKIE, { path: '/oauth/tiktok', secure: true });
    if (c.req.query('error'))
      throw new AppError('OAUTH_DENIED', 'the seller declined the authorization');
    const code = c.req.query('code');
    if (!code || code.length > 512)
      throw new AppError('OAUTH_CODE_INVALID', 'missing authorization code');
    const bound = await connectShops(
      { ...deps, tiktok: deps.tiktok.client },
      { authCode: code, tenantId: issued.tenantId },
    );
    const session = await startSession(deps.db, bound.tenantId);
    setCookie(c, SESSION_COOKIE, session, { ...COOKIE, path: '/', maxAge: SESSION_TTL_S });
    const items = bound.shops
      .map((s) => `<li>${esc(s.name)} (${esc(s.platformShopId)})</li>`)
      .join('');
    return c.html(
      `<!doctype html><title>Shops connected</title><h1>Shops connected to Switchyard</h1><ul>${items}</ul><p><a href="/">Open the Switchyard portal</a></p>`,
    );
  });

  return app;
}
