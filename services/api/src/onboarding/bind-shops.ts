import { encrypt, type Keyring } from '@switchyard/auth';
import { createTenant, type Db, upsertShop, withTenant } from '@switchyard/db';
import type { TikTokShopClient } from '@switchyard/tiktok-shop';

/**
 * R-ONB-1: exchanges an authorization code for tokens and binds every shop the token covers to
 * a tenant (a new one unless `tenantId` is given). Tokens are stored encrypted; re-authorizing
 * updates the shops in place.
 */
export async function bindShops(
  deps: { db: Db; keyring: Keyring; tiktok: TikTokShopClient },
  input: { authCode: string; tenantId?: string; tenantName?: string },
): Promise<{
  tenantId: string;
  shops: Array<{ id: string; platformShopId: string; name: string }>;
}> {
  const token = await deps.tiktok.getToken(input.authCode);
  const shops = await deps.tiktok.getAuthorizedShops(token.accessToken);
  const tenantId =
    input.tenantId ??
    (await createTenant(deps.db, input.tenantName ?? token.sellerName ?? 'New seller'));
  const bound = await withTenant(deps.db, tenantId, async (trx) => {
    const out = [];
    for (const s of shops) {
      const id = await upsertShop(trx, {
        tenantId,
        platformShopId: s.id,
        name: s.name ?? s.id,
        region: s.region ?? token.sellerBaseRegion ?? '',
        cipher: s.cipher,
        accessTokenEnc: encrypt(deps.keyring, token.accessToken),
        refreshTokenEnc: encrypt(deps.keyring, token.refreshToken),
        accessExpiresAt: token.accessTokenExpiresAt,
        refreshExpiresAt: token.refreshTokenExpiresAt,
      });
      out.push({ id, platformShopId: s.id, name: s.name ?? s.id });
    }
    return out;
  });
  return { tenantId, shops: bound };
}
