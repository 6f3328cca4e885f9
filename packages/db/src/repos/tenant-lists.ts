import type { Trx } from '../client.ts';
import { byCreation, type PageRequest, pageByKeyset } from '../keyset.ts';

/** A page of the tenant's SKU mapping table (R-CHK-1), by marketplace SKU id then id. */
export async function listSkuMappings(trx: Trx, page: PageRequest) {
  return pageByKeyset(
    trx.selectFrom('sku_mappings').selectAll(),
    {
      columns: [
        { ref: 'marketplace_sku_id', kind: 'text' },
        { ref: 'id', kind: 'uuid' },
      ],
      direction: 'asc',
    },
    page,
  );
}

/** A page of the tenant's notifications, newest first. */
export async function listNotifications(trx: Trx, opts: PageRequest & { unreadOnly?: boolean }) {
  let q = trx
    .selectFrom('notifications')
    .select(['id', 'shop_id', 'kind', 'message', 'created_at', 'read_at']);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  return pageByKeyset(q, { columns: [{ ref: 'id', kind: 'bigint' }], direction: 'desc' }, opts);
}

/** A page of the tenant's bound shops, oldest first; credentials stay out of the selection. */
export async function listShops(trx: Trx, page: PageRequest) {
  const q = trx
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
    ]);
  return pageByKeyset(q, byCreation('asc'), page);
}
