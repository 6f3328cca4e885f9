import type { Trx } from '../client.ts';

/** Keyset page of the tenant's SKU mapping table (R-CHK-1), by marketplace SKU id then id. */
export async function listSkuMappings(
  trx: Trx,
  opts: { limit: number; after?: { marketplaceSkuId: string; id: string } },
) {
  let q = trx
    .selectFrom('sku_mappings')
    .selectAll()
    .orderBy('marketplace_sku_id')
    .orderBy('id')
    .limit(opts.limit);
  if (opts.after) {
    const { marketplaceSkuId, id } = opts.after;
    q = q.where((eb) =>
      eb.or([
        eb('marketplace_sku_id', '>', marketplaceSkuId),
        eb.and([eb('marketplace_sku_id', '=', marketplaceSkuId), eb('id', '>', id)]),
      ]),
    );
  }
  return q.execute();
}

/** Keyset page of the tenant's notifications, newest first. */
export async function listNotifications(
  trx: Trx,
  opts: { limit: number; beforeId?: string; unreadOnly?: boolean },
) {
  let q = trx
    .selectFrom('notifications')
    .select(['id', 'shop_id', 'kind', 'message', 'created_at', 'read_at'])
    .orderBy('id', 'desc')
    .limit(opts.limit);
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  return q.execute();
}

/** The tenant's bound shops, oldest first; credentials stay out of the selection. */
export async function listShops(trx: Trx) {
  return trx
    .selectFrom('shops')
    .select([
      'id',
      'platform_shop_id',
      'name',
      'region',
      'status',
      'carriers',
      'mode',
      'consecutive_strikes',
      'total_strikes',
    ])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
