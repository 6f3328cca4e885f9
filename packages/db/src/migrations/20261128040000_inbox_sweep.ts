import { type Kysely, sql } from 'kysely';
import { APP_ROLE } from './rls.ts';

/**
 * Notifications stored but never handed on (Temporal unreachable at that moment) are swept up
 * later by the api. The sweep must see every tenant's inbox, so it reads through this function
 * (SECURITY DEFINER) and then acts on each row inside that row's tenant transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function pending_inbox(p_older_than timestamptz, p_limit int)
      returns table (tenant_id uuid, shop_id uuid, notification_id text, payload text)
      language sql stable security definer set search_path = public
      as $$ select i.tenant_id, i.shop_id, i.notification_id, i.payload::text from webhook_inbox i
            where i.processed_at is null and i.received_at < p_older_than
            order by i.received_at limit p_limit $$;
  `.execute(db);
  await sql
    .raw(`grant execute on function pending_inbox(timestamptz, int) to ${APP_ROLE}`)
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
