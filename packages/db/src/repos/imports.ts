import type { Trx } from '../client.ts';

export async function findImport(trx: Trx, shopId: string, fileSha256: string) {
  return trx
    .selectFrom('csv_imports')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('file_sha256', '=', fileSha256)
    .executeTakeFirst();
}

export async function insertImport(
  trx: Trx,
  v: {
    tenantId: string;
    shopId: string;
    fileSha256: string;
    filename: string;
    rows: number;
    accepted: number;
    rejected: number;
    report: unknown;
  },
): Promise<string> {
  const row = await trx
    .insertInto('csv_imports')
    .values({
      tenant_id: v.tenantId,
      shop_id: v.shopId,
      file_sha256: v.fileSha256,
      filename: v.filename,
      rows: v.rows,
      accepted: v.accepted,
      rejected: v.rejected,
      report: JSON.stringify(v.report),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Stores imported orders in batches; an order already imported (by any file) is kept as it was,
 * so importing overlapping exports twice fulfils each order once. Returns the ids newly stored.
 */
export async function insertImportedOrders(
  trx: Trx,
  rows: Array<{
    tenantId: string;
    shopId: string;
    platformOrderId: string;
    importId: string;
    dataEnc: string;
  }>,
): Promise<string[]> {
  const fresh: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const inserted = await trx
      .insertInto('imported_orders')
      .values(
        batch.map((r) => ({
          tenant_id: r.tenantId,
          shop_id: r.shopId,
          platform_order_id: r.platformOrderId,
          import_id: r.importId,
          data_enc: r.dataEnc,
        })),
      )
      .onConflict((oc) => oc.columns(['tenant_id', 'shop_id', 'platform_order_id']).doNothing())
      .returning('platform_order_id')
      .execute();
    fresh.push(...inserted.map((r) => r.platform_order_id));
  }
  return fresh;
}

export async function getImportedOrder(trx: Trx, shopId: string, platformOrderId: string) {
  return trx
    .selectFrom('imported_orders')
    .select(['data_enc'])
    .where('shop_id', '=', shopId)
    .where('platform_order_id', '=', platformOrderId)
    .executeTakeFirst();
}

/** Keyset page of an import's order ids, for starting their workflows. */
export async function listImportedOrderIds(
  trx: Trx,
  importId: string,
  after: string,
  limit: number,
) {
  const rows = await trx
    .selectFrom('imported_orders')
    .select('platform_order_id')
    .where('import_id', '=', importId)
    .where('platform_order_id', '>', after)
    .orderBy('platform_order_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.platform_order_id);
}
