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
  `.execute(db);
  await sql.raw(`grant execute on function claim_inbox(int) to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
