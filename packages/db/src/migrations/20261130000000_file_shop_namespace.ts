import { type Kysely, sql } from 'kysely';

/**
 * R-ONB-1: a marketplace shop belongs to the tenant that proved it by OAuth. A file-only shop
 * (R-IN-3) is only a name its tenant chose, so its shop id lives in that tenant's own namespace
 * and can never claim, or be adopted by, a marketplace binding.
 *
 * Before this, both kinds shared one unique key, and an OAuth binding adopted a file-only row of
 * another tenant. A file-only row that holds marketplace tokens got them that way: whoever
 * created it never proved the shop, so the tokens are removed and the row stays a file-only shop
 * of its tenant; the real owner binds again by OAuth into its own tenant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update shops set access_token_enc = null, refresh_token_enc = null,
      access_expires_at = null, refresh_expires_at = null, cipher = '', updated_at = now()
      where mode = 'csv' and (access_token_enc is not null or refresh_token_enc is not null);
    alter table shops drop constraint shops_platform_platform_shop_id_key;
    create unique index shops_marketplace_binding on shops (platform, platform_shop_id)
      where mode = 'api';
    create unique index shops_file_shop_per_tenant on shops (tenant_id, platform, platform_shop_id)
      where mode = 'csv';
    create or replace function resolve_shop(p_platform text, p_shop_id text)
      returns table (tenant_id uuid, shop_id uuid, status text)
      language sql stable security definer set search_path = public
      as $$ select s.tenant_id, s.id, s.status from shops s
            where s.platform = p_platform and s.platform_shop_id = p_shop_id and s.mode = 'api' $$;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
