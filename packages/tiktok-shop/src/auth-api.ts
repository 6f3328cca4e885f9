import type { z } from 'zod';
import { TikTokShopError } from './errors.ts';
import { shopsDataSchema, tokenDataSchema } from './schemas.ts';
import { callTikTok, type TransportConfig } from './transport.ts';

/** Tokens of one authorization (R-ONB-2: refresh before accessTokenExpiresAt). */
export interface TokenSet {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  openId: string | undefined;
  sellerName: string | undefined;
  sellerBaseRegion: string | undefined;
  grantedScopes: string[];
}

/** A shop covered by a token; `cipher` goes into `shop_cipher` of shop-scoped calls. */
export interface TtsShop {
  id: string;
  name: string;
  region: string;
  sellerType: string;
  cipher: string;
  code: string;
}

/** Validates `data` against a schema; a shape we cannot use is TikTok's fault, not retryable. */
export function parseData<S extends z.ZodType>(
  schema: S,
  data: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    throw new TikTokShopError({
      code: 'TTS_UNKNOWN',
      message: `TTS_UNKNOWN: unexpected ${what} response: ${parsed.error.message}`,
      retryable: false,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

function toTokenSet(data: unknown): TokenSet {
  const d = parseData(tokenDataSchema, data, 'token');
  return {
    accessToken: d.access_token,
    // *_expire_in are ABSOLUTE unix seconds, not durations (reference §1).
    accessTokenExpiresAt: new Date(d.access_token_expire_in * 1000),
    refreshToken: d.refresh_token,
    refreshTokenExpiresAt: new Date(d.refresh_token_expire_in * 1000),
    openId: d.open_id,
    sellerName: d.seller_name,
    sellerBaseRegion: d.seller_base_region,
    grantedScopes: d.granted_scopes ?? [],
  };
}

// The token endpoints live on the auth host, authenticate with the app secret in the query and
// carry no sign (reference §1). Both are safe to repeat: a code is only consumed on success.
async function tokenCall(cfg: TransportConfig, path: string, query: Record<string, string>) {
  const data = await callTikTok(cfg, {
    base: 'auth',
    method: 'GET',
    path,
    endpoint: path,
    query: { app_key: cfg.appKey, app_secret: cfg.appSecret, ...query },
    signed: false,
    idempotent: true,
  });
  return toTokenSet(data);
}

export function getToken(cfg: TransportConfig, authCode: string): Promise<TokenSet> {
  // The literal is `authorized_code`, not OAuth's `authorization_code` (reference §1).
  return tokenCall(cfg, '/api/v2/token/get', {
    auth_code: authCode,
    grant_type: 'authorized_code',
  });
}

/**
 * Any non-retryable failure here means the refresh token is dead and the shop must
 * re-authorize: TikTok documents that outcome but not its code (reference §1, §10), so a
 * TTS_TOKEN_INVALID (36009004 naming the token), TTS_TOKEN_EXPIRED or TTS_INVALID_AUTH_CODE
 * are all read the same way.
 */
export function refreshToken(cfg: TransportConfig, token: string): Promise<TokenSet> {
  return tokenCall(cfg, '/api/v2/token/refresh', {
    refresh_token: token,
    grant_type: 'refresh_token',
  });
}

export async function getAuthorizedShops(
  cfg: TransportConfig,
  accessToken: string,
): Promise<TtsShop[]> {
  const path = '/authorization/202309/shops';
  // No shop_cipher: /authorization/* rejects it with 36009004 "Unexpected identifier".
  const data = await callTikTok(cfg, {
    base: 'api',
    method: 'GET',
    path,
    endpoint: path,
    accessToken,
    signed: true,
    idempotent: true,
  });
  return parseData(shopsDataSchema, data, 'shops').shops.map((s) => ({
    id: s.id,
    name: s.name ?? '',
    region: s.region ?? '',
    sellerType: s.seller_type ?? '',
    cipher: s.cipher,
    code: s.code ?? '',
  }));
}
