import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContractEnv } from './testing/contract-env.ts';
import type { CallRecord } from './transport.ts';

let env: Awaited<ReturnType<typeof startContractEnv>>;
beforeAll(async () => {
  env = await startContractEnv();
});
afterAll(() => env.close());

describe('client ↔ simulator contract: auth, signing, errors, retries', () => {
  it('onboards a shop: token exchange with absolute expiries, then authorized shops', async () => {
    const shop = env.sim.createShop({ region: 'GB', name: 'Contract Shop', sellerType: 'LOCAL' });
    const tts = env.makeClient();
    const tokens = await tts.getToken(env.sim.issueAuthCode([shop.id]));
    expect(tokens.accessToken).toMatch(/^TTP_/);
    const sevenDays = env.sim.now() + 7 * 24 * 3600_000;
    expect(Math.abs(tokens.accessTokenExpiresAt.getTime() - sevenDays)).toBeLessThan(2000);
    expect(tokens.refreshTokenExpiresAt.getTime()).toBeGreaterThan(
      tokens.accessTokenExpiresAt.getTime(),
    );
    expect(tokens.grantedScopes).toContain('seller.order.info');
    expect(tokens.sellerBaseRegion).toBe('GB');
    expect(await tts.getAuthorizedShops(tokens.accessToken)).toEqual([
      {
        id: shop.id,
        name: 'Contract Shop',
        region: 'GB',
        sellerType: 'LOCAL',
        cipher: shop.cipher,
        code: shop.code,
      },
    ]);
  });

  it('rejects a reused, expired or unknown auth code with TTS_INVALID_AUTH_CODE', async () => {
    const shop = env.sim.createShop();
    const tts = env.makeClient();
    const code = env.sim.issueAuthCode([shop.id]);
    await tts.getToken(code);
    await expect(tts.getToken(code)).rejects.toMatchObject({
      code: 'TTS_INVALID_AUTH_CODE',
      ttsCode: 36004004,
    });
    const late = env.sim.issueAuthCode([shop.id]);
    env.sim.advance(31 * 60_000);
    await expect(tts.getToken(late)).rejects.toMatchObject({ code: 'TTS_INVALID_AUTH_CODE' });
    await expect(tts.getToken('ROW_nope')).rejects.toMatchObject({ code: 'TTS_INVALID_AUTH_CODE' });
  });

  it('fails a bad signature (wrong secret) with TTS_INVALID_SIGN', async () => {
    const { tokens } = await env.onboard();
    await expect(
      env.makeClient({ appSecret: 'wrong' }).getAuthorizedShops(tokens.accessToken),
    ).rejects.toMatchObject({
      code: 'TTS_INVALID_SIGN',
      ttsCode: 106001,
    });
  });

  it('fails a cipher of a shop the token does not cover with TTS_BAD_TOKEN_FOR_SHOP', async () => {
    const a = await env.onboard();
    const b = await env.onboard();
    await expect(
      a.tts.getOrderDetail({ accessToken: a.tokens.accessToken, shopCipher: b.auth.shopCipher }, [
        '1',
      ]),
    ).rejects.toMatchObject({ code: 'TTS_BAD_TOKEN_FOR_SHOP', ttsCode: 101000 });
    await expect(a.tts.getOrderDetail({ ...a.auth, shopCipher: '' }, ['1'])).rejects.toMatchObject({
      code: 'TTS_SHOP_CIPHER_REQUIRED',
    });
  });

  it('rejects a client clock outside the timestamp window', async () => {
    const { tokens } = await env.onboard();
    const skewed = env.makeClient({ now: () => env.sim.now() - 10 * 60_000 });
    await expect(skewed.getAuthorizedShops(tokens.accessToken)).rejects.toMatchObject({
      code: 'TTS_BAD_REQUEST',
      ttsCode: 36009004,
    });
  });

  it('refreshes once on an expired token via onTokenExpired, and fails without the hook', async () => {
    const { shop, tokens, auth, tts } = await env.onboard();
    const o = env.sim.createOrder(shop.id);
    env.sim.expireAccessToken(tokens.accessToken);
    await expect(tts.getOrderDetail(auth, [o.id])).rejects.toMatchObject({
      code: 'TTS_TOKEN_EXPIRED',
    });
    let refreshed = 0;
    const orders = await tts.getOrderDetail(auth, [o.id], {
      onTokenExpired: async (old) => {
        refreshed++;
        const fresh = await tts.refreshToken(tokens.refreshToken);
        return { ...old, accessToken: fresh.accessToken };
      },
    });
    expect(refreshed).toBe(1);
    expect(orders.map((x) => x.id)).toEqual([o.id]);
    env.sim.revokeRefreshToken(tokens.refreshToken);
    await expect(tts.refreshToken(tokens.refreshToken)).rejects.toMatchObject({
      code: 'TTS_TOKEN_INVALID',
      ttsCode: 36009004,
      retryable: false,
    });
  });

  it('treats a revoked access token (36009004) like an expired one: one refresh, then onTokenRefused', async () => {
    const { shop, tokens, auth, tts } = await env.onboard();
    const o = env.sim.createOrder(shop.id);
    env.sim.revokeAccessToken(tokens.accessToken);
    await expect(tts.getOrderDetail(auth, [o.id])).rejects.toMatchObject({
      code: 'TTS_TOKEN_INVALID',
      ttsCode: 36009004,
    });
    let refreshed = 0;
    const refresh = async (old: typeof auth) => {
      refreshed++;
      const fresh = await tts.refreshToken(tokens.refreshToken);
      return { ...old, accessToken: fresh.accessToken };
    };
    const orders = await tts.getOrderDetail(auth, [o.id], { onTokenExpired: refresh });
    expect(refreshed).toBe(1);
    expect(orders.map((x) => x.id)).toEqual([o.id]);

    // TikTok refuses the fresh token too: the authorization is gone, and the caller decides.
    const refused: string[] = [];
    const gone = tts.getOrderDetail(auth, [o.id], {
      onTokenExpired: async (old) => {
        const fresh = await refresh(old);
        env.sim.revokeAccessToken(fresh.accessToken);
        return fresh;
      },
      onTokenRefused: async (err) => {
        refused.push(err.code);
        throw new Error('authorize the shop again');
      },
    });
    await expect(gone).rejects.toThrow('authorize the shop again');
    expect(refused).toEqual(['TTS_TOKEN_INVALID']);
    expect(refreshed).toBe(2);
  });

  it('backs off on HTTP 429 honouring Retry-After', async () => {
    const { shop, auth } = await env.onboard();
    const records: CallRecord[] = [];
    const sleeps: number[] = [];
    const tts = env.makeClient({
      onCall: (r) => records.push(r),
      sleep: async (ms) => {
        sleeps.push(ms);
        env.sim.advance(ms);
      },
      random: () => 0,
    });
    env.sim.faults.rateLimit = { perSecond: 1, burst: 1 };
    try {
      await tts.getShippingProviders(auth, '7129736414200055595');
      await tts.getShippingProviders(auth, '7129736414200055595');
    } finally {
      env.sim.faults.rateLimit = undefined;
    }
    expect(records.map((r) => r.httpStatus)).toEqual([200, 429, 200]);
    expect(records[1]?.ttsCode).toBe(36009002);
    expect(sleeps).toEqual([1000]);
    expect(shop.id).toBeTruthy();
  });

  it('retries injected 5xx faults until success', async () => {
    const { auth } = await env.onboard();
    const records: CallRecord[] = [];
    env.sim.faults.failRate = 1;
    const tts = env.makeClient({
      onCall: (r) => {
        records.push(r);
        if (records.length === 2) env.sim.faults.failRate = 0;
      },
    });
    await expect(tts.getShippingProviders(auth, '7129736414200055595')).resolves.not.toHaveLength(
      0,
    );
    expect(records.map((r) => r.ttsCode)).toEqual([36009003, 36009003, 0]);
  });
});
