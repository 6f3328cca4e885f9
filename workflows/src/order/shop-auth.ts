import { decrypt } from '@switchyard/auth';
import { getShop, withTenant } from '@switchyard/db';
import type { ShopAuth, TikTokShopClient } from '@switchyard/tiktok-shop';
import { ApplicationFailure } from '@temporalio/activity';
import { refreshShopTokensLocked, shopNeedsReauth } from '../shop/tokens.ts';
import type { OrderActivityDeps } from './deps.ts';

/**
 * Credentials of a shop for one marketplace call, decrypted only here (never logged, never in
 * workflow history). An access token that expired mid-flight is refreshed once (R-ONB-2).
 */
export async function shopAuth(
  deps: OrderActivityDeps,
  client: TikTokShopClient,
  tenantId: string,
  shopId: string,
): Promise<{ auth: ShopAuth; onTokenExpired: (stale: ShopAuth) => Promise<ShopAuth> }> {
  const shop = await withTenant(deps.db, tenantId, (trx) => getShop(trx, shopId));
  if (!shop) throw ApplicationFailure.nonRetryable(`shop ${shopId} not found`, 'SHOP_NOT_FOUND');
  if (shop.status !== 'active' || !shop.access_token_enc)
    throw shopNeedsReauth(shopId, shop.status);
  return {
    auth: { accessToken: decrypt(deps.keyring, shop.access_token_enc), shopCipher: shop.cipher },
    onTokenExpired: (stale) =>
      refreshShopTokensLocked(deps, client, tenantId, shopId, stale.accessToken),
  };
}
