import { CODES, SimApiError } from './api-error.ts';
import type { SimClock } from './clock.ts';
import type { Rng } from './rng.ts';
import type { SimShop } from './types.ts';

const AUTH_CODE_TTL_MS = 30 * 60_000; // reference §1: 30 minutes, single use
const ACCESS_TTL_S = 7 * 24 * 3600; // reference §1: 7 days
const REFRESH_TTL_S = 365 * 24 * 3600; // UNCONFIRMED in the docs; one year is the sim's choice

interface AuthCode {
  shopIds: string[];
  expiresAtMs: number;
  used: boolean;
}

export interface AccessToken {
  token: string;
  shopIds: string[];
  expiresAtSec: number;
  expired: boolean;
  revoked: boolean;
}

interface RefreshToken {
  shopIds: string[];
  openId: string;
  expiresAtSec: number;
  revoked: boolean;
}

/** Shops, auth codes and tokens: the auth server side of the simulator. */
export class AuthStore {
  readonly shops = new Map<string, SimShop>();
  private codes = new Map<string, AuthCode>();
  private access = new Map<string, AccessToken>();
  private refresh = new Map<string, RefreshToken>();

  constructor(
    private readonly clock: SimClock,
    private readonly rng: Rng,
  ) {}

  issuedTokens(): string[] {
    return [...this.access.keys(), ...this.refresh.keys()];
  }

  createShop(input: { region?: string; name?: string; sellerType?: SimShop['sellerType'] } = {}) {
    const region = (input.region ?? 'US').toUpperCase();
    const shop: SimShop = {
      id: this.rng.numericId('7495'),
      name: input.name ?? `Sim Shop ${this.shops.size + 1}`,
      region,
      sellerType: input.sellerType ?? 'LOCAL',
      cipher: `ROW_${this.rng.token(32)}`,
      code: `${region}LC${this.rng.token(6).toUpperCase()}`,
    };
    this.shops.set(shop.id, shop);
    return shop;
  }

  shopByCipher(cipher: string): SimShop | undefined {
    for (const s of this.shops.values()) if (s.cipher === cipher) return s;
    return undefined;
  }

  issueAuthCode(shopIds: string[]): string {
    if (shopIds.length === 0) throw new Error('issueAuthCode needs at least one shop');
    for (const id of shopIds) if (!this.shops.has(id)) throw new Error(`unknown shop ${id}`);
    const code = `ROW_${this.rng.token(40)}`;
    this.codes.set(code, {
      shopIds: [...shopIds],
      expiresAtMs: this.clock.now() + AUTH_CODE_TTL_MS,
      used: false,
    });
    return code;
  }

  exchangeCode(code: string) {
    const rec = this.codes.get(code);
    if (!rec || rec.used || rec.expiresAtMs <= this.clock.now()) {
      throw new SimApiError(CODES.INVALID_AUTH_CODE, 'Invalid auth code', 400);
    }
    rec.used = true;
    const openId = this.rng.token(24);
    const refreshToken = `TTP_${this.rng.token(40)}`;
    this.refresh.set(refreshToken, {
      shopIds: rec.shopIds,
      openId,
      expiresAtSec: this.clock.nowSec() + REFRESH_TTL_S,
      revoked: false,
    });
    return this.grant(refreshToken);
  }

  /** Refresh keeps the same refresh token: whether TikTok rotates it is UNCONFIRMED (§1). */
  refreshAccess(refreshToken: string) {
    const rec = this.refresh.get(refreshToken);
    // TikTok documents that a dead refresh token means re-authorization, not the code it answers
    // with (reference §1, §10). The sim answers 36009004, the catch-all TikTok uses for invalid
    // credentials (§6), and names the refresh token in the message, as that code's messages
    // name what was wrong. 36004004 belongs to auth codes.
    if (!rec || rec.revoked)
      throw new SimApiError(
        CODES.OVERLOADED,
        'Invalid credentials: refresh token is invalid or revoked',
        401,
      );
    if (rec.expiresAtSec <= this.clock.nowSec())
      throw new SimApiError(CODES.OVERLOADED, 'Invalid credentials: refresh token is expired', 401);
    return this.grant(refreshToken);
  }

  accessToken(token: string): AccessToken | undefined {
    return this.access.get(token);
  }

  expireAccessToken(token: string): void {
    const rec = this.access.get(token);
    if (!rec) throw new Error('unknown access token');
    rec.expired = true;
  }

  /** The seller or TikTok revoked the token: the gateway no longer accepts it. */
  revokeAccessToken(token: string): void {
    const rec = this.access.get(token);
    if (!rec) throw new Error('unknown access token');
    rec.revoked = true;
  }

  revokeRefreshToken(token: string): void {
    const rec = this.refresh.get(token);
    if (!rec) throw new Error('unknown refresh token');
    rec.revoked = true;
  }

  /** Seller-side deauthorization: every token loses the shop (reference §1, webhook type 6). */
  deauthorize(shopId: string): void {
    if (!this.shops.has(shopId)) throw new Error(`unknown shop ${shopId}`);
    const drop = (ids: string[]) => ids.filter((id) => id !== shopId);
    for (const t of this.access.values()) t.shopIds = drop(t.shopIds);
    for (const r of this.refresh.values()) r.shopIds = drop(r.shopIds);
  }

  private grant(refreshToken: string) {
    const r = this.refresh.get(refreshToken);
    if (!r) throw new Error('unreachable: refresh token vanished');
    const token = `TTP_${this.rng.token(48)}`;
    const expiresAtSec = this.clock.nowSec() + ACCESS_TTL_S;
    this.access.set(token, {
      token,
      shopIds: r.shopIds,
      expiresAtSec,
      expired: false,
      revoked: false,
    });
    const first = this.shops.get(r.shopIds[0] ?? '');
    return {
      access_token: token,
      access_token_expire_in: expiresAtSec, // absolute unix seconds, as TikTok does
      refresh_token: refreshToken,
      refresh_token_expire_in: r.expiresAtSec,
      open_id: r.openId,
      seller_name: first?.name ?? '',
      seller_base_region: first?.region ?? 'US',
      user_type: 0,
      granted_scopes: [
        'seller.authorization.info',
        'seller.order.info',
        'seller.fulfillment.basic',
        'seller.logistics',
      ],
    };
  }
}
