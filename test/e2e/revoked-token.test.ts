import { decrypt } from '@switchyard/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

/**
 * R-ONB-2 with a token TikTok no longer accepts: it answers 36009004, its catch-all, naming the
 * token (reference §6), not 105002. One refresh fixes a revoked access token; a revoked
 * authorization needs the seller, and the tenant is told.
 */
describe('a token the marketplace revoked', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  const shop = () => p.admin.selectFrom('shops').selectAll().executeTakeFirstOrThrow();
  const accessToken = async () => decrypt(p.keyring, (await shop()).access_token_enc!);
  const refreshToken = async () => decrypt(p.keyring, (await shop()).refresh_token_enc!);

  it('a revoked access token is refreshed once and the order completes', async () => {
    const t = p.tenants[0]!;
    const before = await accessToken();
    p.tts.revokeAccessToken(before);
    const order = p.tts.createOrder(t.simShopId);
    expect(await p.orderResult(t.tenantId, t.shopId, order.id, 30_000)).toEqual({
      status: 'completed',
    });
    expect(await accessToken()).not.toBe(before);
    expect((await shop()).status).toBe('active');
    const refused = await p.admin
      .selectFrom('api_calls')
      .select('code')
      .where('code', '=', '36009004')
      .execute();
    expect(refused.length).toBeGreaterThan(0);
  });

  it('a revoked authorization marks the shop needs_reauth and tells the tenant', async () => {
    const t = p.tenants[0]!;
    p.tts.revokeAccessToken(await accessToken());
    p.tts.revokeRefreshToken(await refreshToken());
    p.tts.createOrder(t.simShopId);
    await eventually(async () => (await shop()).status === 'needs_reauth');
    const notes = await p.admin.selectFrom('notifications').select(['kind', 'message']).execute();
    expect(notes.map((n) => n.kind)).toEqual(['shop_needs_reauth']);
    expect(notes[0]!.message).toMatch(/authorize the shop again/);
    expect(JSON.stringify(notes)).not.toMatch(/TTP_/);
  });
});
