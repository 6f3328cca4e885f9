import type { Keyring } from '@switchyard/auth';
import type { Db } from '@switchyard/db';
import { type BoundShops, bindShops } from '@switchyard/onboarding';
import type { TikTokShopClient } from '@switchyard/tiktok-shop';
import type { Client } from '@temporalio/client';
import { type ShopWorkflowTiming, startShopWorkflows } from './client.ts';

export interface ConnectShopsDeps {
  db: Db;
  keyring: Keyring;
  tiktok: TikTokShopClient;
  temporal: Client;
  /** Where the shops' workflows run (the order task queue by default). */
  taskQueue?: string | undefined;
  shopTiming?: ShopWorkflowTiming | undefined;
}

/**
 * R-ONB-1, R-ONB-2, R-IN-2: binds the shops of an authorization code (bindShops) and starts
 * the workflows that keep each one healthy: token refresh ahead of expiry and reconciliation
 * polling. A binding is of no use without them: the shop's token would expire within a week,
 * and an order whose notification is lost would never arrive. Safe to repeat on every
 * re-authorization.
 *
 * @throws OnboardingError as bindShops; nothing is started then.
 */
export async function connectShops(
  deps: ConnectShopsDeps,
  input: Parameters<typeof bindShops>[1],
): Promise<BoundShops> {
  const bound = await bindShops(deps, input);
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
