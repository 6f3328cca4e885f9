import type { MiddlewareHandler } from 'hono';
import { CODES, SimApiError } from './api-error.ts';
import type { SimCore, SimEnv } from './core.ts';
import { expectedSign, parseRawQuery, signMatches } from './verify-sign.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bad = (message: string, status = 400) => new SimApiError(CODES.OVERLOADED, message, status);

/**
 * Every Open API call carries `Content-Type: application/json`, GETs included (reference §0).
 * `multipart/form-data` is for uploads, which the sim does not serve. Parameters such as
 * `charset` and the case of the media type are tolerated: the docs are silent on them.
 */
function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The Open API gateway in front of `/authorization`, `/order`, `/fulfillment`, `/logistics`:
 * content type, credentials, timestamp window, signature, token, shop cipher, rate limit,
 * injected faults (reference §0, §2, §6). Order of checks follows what a client would hit first.
 */
export function gateway(core: SimCore): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    if (core.faults.latencyMs > 0) await sleep(core.faults.latencyMs);
    if (!isJson(c.req.header('content-type'))) {
      throw new SimApiError(
        CODES.BAD_CONTENT_TYPE,
        'Invalid request format: Content-Type must be application/json',
        400,
      );
    }
    const url = new URL(c.req.url);
    const pairs = parseRawQuery(url.search);
    const q = new Map(pairs);
    const rawBody = await c.req.text();
    c.set('rawBody', rawBody);

    const sign = q.get('sign');
    const appKey = q.get('app_key');
    const ts = q.get('timestamp');
    if (!sign || !appKey || !ts) throw bad('Missing credentials', 401);
    if (appKey !== core.appKey) throw bad('Invalid app_key');
    const nowSec = core.clock.nowSec();
    const tsNum = /^\d{10}$/.test(ts) ? Number(ts) : Number.NaN;
    if (!(tsNum >= nowSec - 300 && tsNum <= nowSec + 30)) throw bad('Invalid timestamp');
    const want = expectedSign(
      core.appSecret,
      url.pathname,
      pairs,
      rawBody,
      c.req.header('content-type'),
    );
    if (!signMatches(want, sign))
      throw new SimApiError(CODES.INVALID_SIGN, 'Invalid signature', 401);

    const tokenValue = c.req.header('x-tts-access-token');
    if (!tokenValue) throw bad('Invalid credentials: x-tts-access-token is missing', 401);
    const token = core.auth.accessToken(tokenValue);
    // Unknown and revoked look alike: TikTok's catch-all 36009004 (reference §6).
    if (!token || token.revoked) throw bad('Invalid credentials: access token is invalid', 401);
    if (token.expired || token.expiresAtSec <= nowSec) {
      throw new SimApiError(CODES.TOKEN_EXPIRED, 'Access token is expired', 401);
    }
    c.set('token', token);

    const cipher = q.get('shop_cipher');
    let limitKey = `token:${token.token}`;
    if (url.pathname.startsWith('/authorization/')) {
      // Authorization APIs are not shop-scoped and reject a cipher (reference §1).
      if (cipher !== undefined) throw bad('Unexpected identifier: shop_cipher');
      c.set('shop', undefined);
    } else {
      if (!cipher) throw new SimApiError(CODES.CIPHER_REQUIRED, 'shop_cipher is required', 400);
      const shop = core.auth.shopByCipher(cipher);
      if (!shop || !token.shopIds.includes(shop.id)) {
        throw new SimApiError(
          CODES.BAD_TOKEN_FOR_SHOP,
          'Access token does not match the shop',
          403,
        );
      }
      c.set('shop', shop);
      limitKey = `shop:${shop.id}`;
    }

    const rl = core.faults.rateLimit;
    if (rl) {
      const waitMs = core.limiter.take(limitKey, core.clock.now(), rl);
      if (waitMs > 0) {
        const retryAfter = String(Math.max(1, Math.ceil(waitMs / 1000)));
        throw new SimApiError(CODES.RATE_LIMITED, 'Too many requests', 429, {
          'retry-after': retryAfter,
        });
      }
    }
    if (core.faultRng.chance(core.faults.failRate)) {
      throw new SimApiError(CODES.INTERNAL, 'Internal error, please retry', 500);
    }
    await next();
  };
}
