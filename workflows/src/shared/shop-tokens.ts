import { decrypt, encrypt } from '@switchyard/auth';
import { notifyTenant, setShopStatus, updateShopTokens, withTenant } from '@switchyard/db';
import { type ShopAuth, type TikTokShopClient, TikTokShopError } from '@switchyard/tiktok-shop';
import { ApplicationFailure } from '@temporalio/activity';
import type { MarketplaceDeps } from './deps.ts';

/** Failure type of every activity that needs a shop whose authorization is gone. */
export const SHOP_NEEDS_REAUTH = 'SHOP_NEEDS_REAUTH';

/**
 * An activity that needs the shop fails with this until the seller authorizes again. It stays
 * retryable on purpose: the order waits (visible in Temporal) and resumes after re-authorization
 * instead of being lost.
 */
export function shopNeedsReauth(shopId: string, why: string): ApplicationFailure {
  return ApplicationFailure.retryable(
    `shop ${shopId} must be re-authorized (${why})`,
    SHOP_NEEDS_REAUTH,
  );
}

/**
 * The shop's authorization is gone (R-ONB-2): marks the shop `needs_reauth`, tells the tenant
 * once a day at most, and fails with SHOP_NEEDS_REAUTH so the order waits for re-authorization.
 */
export async function markShopNeedsReauth(
  deps: Pick<MarketplaceDeps, 'db'>,
  tenantId: string,
  shopId: string,
  message: string,
  why: string,
): Promise<never> {
  await withTenant(deps.db, tenantId, async (trx) => {
    await setShopStatus(trx, shopId, 'needs_reauth');
    await notifyTenant(trx, {
      tenantId,
      shopId,
      kind: 'shop_needs_reauth',
      message,
      dedupeKey: `needs_reauth:${shopId}:${new Date().toISOString().slice(0, 10)}`,
    });
  });
  throw shopNeedsReauth(shopId, why);
}

/**
 * Refreshes a shop's tokens under a row lock, so concurrent activities never spend the same
 * refresh token twice (TikTok may rotate it). When `staleAccessToken` is given and another
 * caller already replaced it, the current credentials are returned without a refresh. A refresh
 * refused for good marks the shop `needs_reauth` and tells the tenant (R-ONB-2).
 */
export async function refreshShopTokensLocked(
  deps: Pick<MarketplaceDeps, 'db' | 'keyring'>,
  client: TikTokShopClient,
  tenantId: string,
  shopId: string,
  staleAccessToken?: string,
): Promise<ShopAuth> {
  try {
    return await withTenant(deps.db, tenantId, async (trx) => {
      const shop = await trx
        .selectFrom('shops')
        .select(['cipher', 'status', 'access_token_enc', 'refresh_token_enc'])
        .where('id', '=', shopId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (shop.status !== 'active' || !shop.refresh_token_enc)
        throw shopNeedsReauth(shopId, shop.status);
      const current = shop.access_token_enc ? decrypt(deps.keyring, shop.access_token_enc) : '';
      if (staleAccessToken !== undefined && current && current !== staleAccessToken) {
        return { accessToken: current, shopCipher: shop.cipher };
      }
      const t = await client.refreshToken(decrypt(deps.keyring, shop.refresh_token_enc));
      await updateShopTokens(trx, shopId, {
        accessTokenEnc: encrypt(deps.keyring, t.accessToken),
        refreshTokenEnc: encrypt(deps.keyring, t.refreshToken),
        accessExpiresAt: t.accessTokenExpiresAt,
        refreshExpiresAt: t.refreshTokenExpiresAt,
      });
      return { accessToken: t.accessToken, shopCipher: shop.cipher };
    });
  } catch (err) {
    if (!(err instanceof TikTokShopError) || err.retryable) throw err;
    // Outside the failed transaction, so the mark survives its rollback.
    return markShopNeedsReauth(
      deps,
      tenantId,
      shopId,
      `The marketplace refused to refresh this shop's authorization (${err.code}); please authorize the shop again.`,
      err.code,
    );
  }
}
