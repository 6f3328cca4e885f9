import { type Kysely, sql } from 'kysely';
import { APP_ROLE } from './rls.ts';

/**
 * The operator's tenant list by keyset pages (issue 12): `operator_tenants` returns the oldest
 * `p_limit` tenants only, so a network past that size hid the rest. This one starts strictly
 * after the (created_at, id) of the last row seen, which the primary key order serves, and
 * returns that key as PostgreSQL prints it so a cursor keeps the microseconds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function operator_tenants_page(
      p_after_created_at timestamptz, p_after_id uuid, p_limit int)
      returns table (id uuid, name text, created_at timestamptz, shops bigint,
                     open_orders bigint, created_at_key text)
      language sql stable security definer set search_path = public
      as $$
        select t.id, t.name, t.created_at,
          (select count(*) from shops s where s.tenant_id = t.id),
          (select count(*) from orders o where o.tenant_id = t.id
             and o.status not in ('shipped', 'completed', 'cancelled', 'failed')),
          t.created_at::text
        from tenants t
        where p_after_id is null or (t.created_at, t.id) > (p_after_created_at, p_after_id)
        order by t.created_at, t.id limit p_limit
      $$;
  `.execute(db);
  await sql
    .raw(`grant execute on function operator_tenants_page(timestamptz, uuid, int) to ${APP_ROLE}`)
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
