import { decrypt, encrypt } from '@switchyard/auth';
import { getShop, updateShopTokens, withTenant } from '@switchyard/db';
import type { ShopAuth, TikTokShopClient } from '@switchyard/tiktok-shop';
import { ApplicationFailure } from '@temporalio/activity';
import type { OrderActivityDeps } from './deps.ts';

/**
 * Credentials of a shop for one marketplace call, decrypted only here (never logged, never in
 * workflow history). An expired access token is refreshed once and stored (R-ONB-2).
 */
export async function shopAuth(
  deps: OrderActivityDeps,
  client: TikTokShopClient,
  tenantId: string,
  shopId: string,
): Promise<{ auth: ShopAuth; onTokenExpired: () => Promise<ShopAuth> }> {
  const shop = await withTenant(deps.db, tenantId, (trx) => getShop(trx, shopId));
  if (!shop) throw ApplicationFailure.nonRetryable(`shop ${shopId} not found`, 'SHOP_NOT_FOUND');
  if (shop.status !== 'active' || !shop.access_token_enc || !shop.refresh_token_enc) {
    throw ApplicationFailure.nonRetryable(
      `shop ${shopId} must be re-authorized`,
      'SHOP_NEEDS_REAUTH',
    );
  }
  const refreshTokenEnc = shop.refresh_token_enc;
  const auth = {
    accessToken: decrypt(deps.keyring, shop.access_token_enc),
    shopCipher: shop.cipher,
  };
  return {
    auth,
    onTokenExpired: async () => {
      const t = await client.refreshToken(decrypt(deps.keyring, refreshTokenEnc));
      await withTenant(deps.db, tenantId, (trx) =>
        updateShopTokens(trx, shopId, {
          accessTokenEnc: encrypt(deps.keyring, t.accessToken),
          refreshTokenEnc: encrypt(deps.keyring, t.refreshToken),
          accessExpiresAt: t.accessTokenExpiresAt,
          refreshExpiresAt: t.refreshTokenExpiresAt,
        }),
      );
      return { accessToken: t.accessToken, shopCipher: shop.cipher };
    },
  };
}
