import { type Kysely, sql } from 'kysely';
import { APP_ROLE } from './rls.ts';

/**
 * R-ONB-3 (GDPR art. 5, PIPL art. 19): buyer names, phones and addresses are kept only while
 * an order needs them. A maintenance job erases them from finished orders older than the
 * retention period, across tenants, through this function (SECURITY DEFINER).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function purge_buyer_data(p_before timestamptz, p_limit int)
      returns int
      language plpgsql volatile security definer set search_path = public
      as $$
      declare n int;
      begin
        with done as (
          select o.id, o.tenant_id, o.shop_id, o.platform_order_id from orders o
          where o.status in ('completed', 'cancelled', 'failed') and o.updated_at < p_before
            and (o.recipient_enc is not null or o.recipient_original_enc is not null or o.recipient_override_enc is not null)
          limit p_limit
        ), wiped as (
          update orders o set recipient_enc = null, recipient_original_enc = null, recipient_override_enc = null
          from done where o.id = done.id
          returning o.tenant_id, o.shop_id, o.platform_order_id
        ), imported as (
          update imported_orders i set data_enc = ''
          from wiped w where i.tenant_id = w.tenant_id and i.shop_id = w.shop_id and i.platform_order_id = w.platform_order_id
          returning 1
        )
        select count(*) into n from wiped;
        return n;
      end $$;
  `.execute(db);
  await sql
    .raw(`grant execute on function purge_buyer_data(timestamptz, int) to ${APP_ROLE}`)
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
