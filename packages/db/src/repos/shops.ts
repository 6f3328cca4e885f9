import type { Trx } from '../client.ts';

export interface ShopInput {
  tenantId: string;
  platformShopId: string;
  name: string;
  region: string;
  cipher: string;
  accessTokenEnc: string;
  refreshTokenEnc: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
}

/**
 * Binds a marketplace shop to the tenant, or refreshes its credentials (re-authorization). Only
 * OAuth-bound shops share the marketplace's namespace of shop ids; a tenant's file-only shop
 * with the same id is another row that this never touches.
 */
export async function upsertShop(trx: Trx, v: ShopInput): Promise<string> {
  const creds = {
    name: v.name,
    region: v.region,
    cipher: v.cipher,
    access_token_enc: v.accessTokenEnc,
    refresh_token_enc: v.refreshTokenEnc,
    access_expires_at: v.accessExpiresAt,
    refresh_expires_at: v.refreshExpiresAt,
  };
  const row = await trx
    .insertInto('shops')
    .values({ tenant_id: v.tenantId, platform_shop_id: v.platformShopId, mode: 'api', ...creds })
    .onConflict((oc) =>
      oc
        .columns(['platform', 'platform_shop_id'])
        .where('mode', '=', 'api')
        .doUpdateSet({ ...creds, status: 'active', updated_at: new Date() }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getShop(trx: Trx, shopId: string) {
  return trx.selectFrom('shops').selectAll().where('id', '=', shopId).executeTakeFirst();
}

export async function updateShopTokens(
  trx: Trx,
  shopId: string,
  v: {
    accessTokenEnc: string;
    refreshTokenEnc: string;
    accessExpiresAt: Date;
    refreshExpiresAt: Date;
  },
) {
  await trx
    .updateTable('shops')
    .set({
      access_token_enc: v.accessTokenEnc,
      refresh_token_enc: v.refreshTokenEnc,
      access_expires_at: v.accessExpiresAt,
      refresh_expires_at: v.refreshExpiresAt,
      updated_at: new Date(),
    })
    .where('id', '=', shopId)
    .execute();
}

/**
 * A shop that exchanges files only (no marketplace API binding). Its shop id is unique within
 * the tenant only: it proves nothing about who owns a marketplace shop (R-ONB-1).
 */
export async function insertCsvShop(
  trx: Trx,
  v: { tenantId: string; platformShopId: string; name: string; region: string },
): Promise<string> {
  const row = await trx
    .insertInto('shops')
    .values({
      tenant_id: v.tenantId,
      platform_shop_id: v.platformShopId,
      name: v.name,
      region: v.region,
      cipher: '',
      mode: 'csv',
      access_token_enc: null,
      refresh_token_enc: null,
      access_expires_at: null,
      refresh_expires_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
