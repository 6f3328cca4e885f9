import type { Trx } from '../client.ts';
import { upsertOrder } from '../repos/orders.ts';
import { upsertShop } from '../repos/shops.ts';

/** A bound shop with placeholder credentials, for tests that need rows hanging off one. */
export function seedShop(trx: Trx, tenantId: string, platformShopId: string): Promise<string> {
  return upsertShop(trx, {
    tenantId,
    platformShopId,
    name: `Shop ${platformShopId}`,
    region: 'US',
    cipher: `c-${platformShopId}`,
    accessTokenEnc: 'x',
    refreshTokenEnc: 'y',
    accessExpiresAt: new Date(),
    refreshExpiresAt: new Date(),
  });
}

/** A received order of the shop, with no lines and no recipient. */
export function seedOrder(
  trx: Trx,
  v: { tenantId: string; shopId: string; platformOrderId: string },
): Promise<string> {
  return upsertOrder(trx, {
    ...v,
    workflowId: `wf-${v.platformOrderId}`,
    status: 'received',
    shipCountry: 'US',
    currency: 'USD',
    totalMinor: 100n,
    lines: [],
    recipientEnc: null,
    shipBy: null,
  });
}
