import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { type Db, type Trx, withTenant } from '../client.ts';

/** Creates a tenant; its id is chosen first so the insert passes the tenant's own RLS check. */
export async function createTenant(db: Db, name: string): Promise<string> {
  const id = randomUUID();
  await withTenant(db, id, (trx) => trx.insertInto('tenants').values({ id, name }).execute());
  return id;
}

export async function getTenant(trx: Trx, tenantId: string) {
  return trx
    .selectFrom('tenants')
    .select(['id', 'name'])
    .where('id', '=', tenantId)
    .executeTakeFirst();
}

/** Cross-tenant lookup of the shop a marketplace notification is about (SECURITY DEFINER). */
export async function resolveShop(db: Db, platform: string, platformShopId: string) {
  const { rows } = await sql<{ tenant_id: string; shop_id: string; status: string }>`
    select * from resolve_shop(${platform}, ${platformShopId})`.execute(db);
  return rows[0];
}

/** Tenant owning an API token, by its SHA-256 hash; undefined when unknown or revoked. */
export async function resolveApiToken(db: Db, tokenHash: string): Promise<string | undefined> {
  const { rows } = await sql<{
    tenant_id: string | null;
  }>`select resolve_api_token(${tokenHash}) as tenant_id`.execute(db);
  return rows[0]?.tenant_id ?? undefined;
}

export async function insertApiToken(
  trx: Trx,
  v: { tenantId: string; name: string; prefix: string; tokenHash: string },
) {
  await trx
    .insertInto('api_tokens')
    .values({ tenant_id: v.tenantId, name: v.name, prefix: v.prefix, token_hash: v.tokenHash })
    .execute();
}

export async function listApiTokens(trx: Trx) {
  return trx
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'revoked_at'])
    .orderBy('created_at')
    .execute();
}

/** Revokes a token at once; true when this call revoked it. */
export async function revokeApiToken(trx: Trx, id: string): Promise<boolean> {
  const res = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
