import { TikTokShopError } from '@switchyard/tiktok-shop';
import { startShopWorkflows } from '@switchyard/workflows';
import type { ApiDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { type BoundShops, bindShops } from './bind-shops.ts';

/**
 * Binds the shops of an authorization code and starts the workflows that keep them healthy:
 * token refresh (R-ONB-2) and reconciliation polling (R-IN-2).
 */
export async function onboardShops(
  deps: Pick<ApiDeps, 'db' | 'keyring' | 'tiktok' | 'temporal' | 'taskQueue' | 'shopTiming'>,
  input: { authCode: string; tenantId?: string | null; tenantName?: string },
): Promise<BoundShops> {
  let bound: BoundShops;
  try {
    bound = await bindShops(
      { db: deps.db, keyring: deps.keyring, tiktok: deps.tiktok.client },
      input,
    );
  } catch (err) {
    if (err instanceof TikTokShopError) {
      if (err.code === 'TTS_INVALID_AUTH_CODE')
        throw new AppError(
          'OAUTH_CODE_INVALID',
          'the authorization code is invalid, used or expired',
        );
      throw new AppError(
        'MARKETPLACE_UNAVAILABLE',
        `the marketplace did not complete the authorization (${err.code})`,
      );
    }
    throw err;
  }
  for (const s of bound.shops) {
    await startShopWorkflows(
      deps.temporal,
      { tenantId: bound.tenantId, shopId: s.id },
      deps.taskQueue,
      deps.shopTiming,
    );
  }
  return bound;
}
