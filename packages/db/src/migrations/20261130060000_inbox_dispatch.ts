import { type Kysely, sql } from 'kysely';
import { APP_ROLE } from './rls.ts';

/**
 * The 200 to the marketplace now depends on the inbox write alone (R-IN-1); a dispatcher in the
 * api hands stored notifications on, replacing the sweep.
 *
 * Dispatchers of several api replicas claim entries with FOR UPDATE SKIP LOCKED inside a
 * transaction that they hold while handing the entries on and in which they mark them: an entry
 * is never claimed by two at once, and one whose claimer dies is released with its connection.
 * The claim crosses tenants, so it reads through a SECURITY DEFINER function as pending_inbox
 * did; the marks are written in each entry's tenant scope, in the claiming transaction.
 *
 * store_inbox writes what concurrent webhook requests received in one statement (one round trip,
 * its own transaction): it resolves each notification's shop and, tenant by tenant under that
 * tenant's scope (RLS applies: SECURITY INVOKER), inserts the new ones, in id order so that two
 * writers sharing ids lock them in the same order. It returns the stored ones and those of
 * unknown shops; the rest were received before.
 *
 * `retry_at` spaces out the attempts of an entry whose routing failed for a reason of its own,
 * now that entries are claimed as soon as they are stored rather than every 30 s.
 * pending_inbox and the index it read through served only the sweep.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table webhook_inbox add column retry_at timestamptz;
    drop function pending_inbox(timestamptz, int);
    drop index webhook_inbox_pending;
    create index webhook_inbox_dispatch on webhook_inbox (id)
      where processed_at is null and parked_at is null;
    create function claim_inbox(p_limit int)
      returns table (id bigint, tenant_id uuid, shop_id uuid, notification_id text, payload text,
                     attempts int)
      language sql volatile security definer set search_path = public
      as $$ select i.id, i.tenant_id, i.shop_id, i.notification_id, i.payload::text, i.attempts
            from webhook_inbox i
            where i.processed_at is null and i.parked_at is null
              and (i.retry_at is null or i.retry_at <= now())
            order by i.id limit p_limit
            for update skip locked $$;

    create function store_inbox(p_platform text, p_items jsonb)
      returns table (platform_shop_id text, notification_id text, outcome text)
      language plpgsql volatile security invoker set search_path = public
      as $$
      #variable_conflict use_column
      declare
        v_tenant uuid;
      begin
        return query
          select i.shop, i.id, 'shop-unknown'::text
          from jsonb_to_recordset(p_items) as i(shop text, id text)
          where not exists (select from resolve_shop(p_platform, i.shop));
        for v_tenant in
          select distinct r.tenant_id
          from jsonb_to_recordset(p_items) as i(shop text)
          cross join lateral resolve_shop(p_platform, i.shop) r
          order by 1
        loop
          perform set_config('app.tenant_id', v_tenant::text, true);
          return query
            with stored as (
              insert into webhook_inbox (tenant_id, shop_id, notification_id, type, payload)
              select r.tenant_id, r.shop_id, i.id, i.type, i.payload
              from jsonb_to_recordset(p_items) as i(shop text, id text, type int, payload jsonb)
              cross join lateral resolve_shop(p_platform, i.shop) r
              where r.tenant_id = v_tenant
              order by i.id
              on conflict (tenant_id, notification_id) do nothing
              returning webhook_inbox.shop_id, webhook_inbox.notification_id)
            select s.platform_shop_id, stored.notification_id, 'stored'::text
            from stored join shops s on s.id = stored.shop_id;
        end loop;
      end $$;
  `.execute(db);
  await sql
    .raw(`grant execute on function claim_inbox(int), store_inbox(text, jsonb) to ${APP_ROLE}`)
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
