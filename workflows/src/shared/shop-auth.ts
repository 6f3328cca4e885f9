import { decrypt } from '@switchyard/auth';
import { getShop, type Shop, withTenant } from '@switchyard/db';
import type { CallOptions, ShopAuth, TikTokShopClient } from '@switchyard/tiktok-shop';
import { ApplicationFailure } from '@temporalio/activity';
import type { MarketplaceDeps } from './deps.ts';
import { markShopNeedsReauth, refreshShopTokensLocked, shopNeedsReauth } from './shop-tokens.ts';

/**
 * Credentials of a shop for one marketplace call, decrypted only here (never logged, never in
 * workflow history), and the options to pass with each call (R-ONB-2): an access token the
 * marketplace refuses, expired or revoked, is refreshed once; when it refuses the fresh one too,
 * or the refresh, the shop needs re-authorization and the tenant is told. A caller that has
 * just read the shop's row in this activity passes it (`loaded`) rather than have it read again.
 */
export async function shopAuth(
  deps: MarketplaceDeps,
  client: TikTokShopClient,
  tenantId: string,
  shopId: string,
  loaded?: Shop,
): Promise<{ auth: ShopAuth; opts: CallOptions }> {
  const shop =
    loaded?.id === shopId
      ? loaded
      : await withTenant(deps.db, tenantId, (trx) => getShop(trx, shopId));
  if (!shop) throw ApplicationFailure.nonRetryable(`shop ${shopId} not found`, 'SHOP_NOT_FOUND');
  if (shop.status !== 'active' || !shop.access_token_enc)
    throw shopNeedsReauth(shopId, shop.status);
  return {
    auth: { accessToken: decrypt(deps.keyring, shop.access_token_enc), shopCipher: shop.cipher },
    opts: {
      onTokenExpired: (stale) =>
        refreshShopTokensLocked(deps, client, tenantId, shopId, stale.accessToken),
      onTokenRefused: (err) =>
        markShopNeedsReauth(
          deps,
          tenantId,
          shopId,
          `The marketplace no longer accepts this shop's authorization (${err.code}); please authorize the shop again.`,
          err.code,
        ),
    },
  };
}
