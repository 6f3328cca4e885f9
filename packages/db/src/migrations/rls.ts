import { type Kysely, sql } from 'kysely';

/** Role the services connect as: not owner, not superuser, no BYPASSRLS (see ensureAppRole). */
export const APP_ROLE = 'switchyard_app';

// A missing setting yields NULL, so a query outside a tenant transaction sees no rows instead
// of failing.
export const CURRENT_TENANT = `nullif(current_setting('app.tenant_id', true), '')::uuid`;
export const CURRENT_SUPPLIER = `nullif(current_setting('app.supplier_id', true), '')::uuid`;

/** Puts a table under row-level security that even its owner obeys (FORCE). */
export async function isolate(
  db: Kysely<unknown>,
  table: string,
  predicate = `tenant_id = ${CURRENT_TENANT}`,
): Promise<void> {
  await sql.raw(`alter table ${table} enable row level security`).execute(db);
  await sql.raw(`alter table ${table} force row level security`).execute(db);
  await sql
    .raw(
      `create policy ${table}_isolation on ${table} using (${predicate}) with check (${predicate})`,
    )
    .execute(db);
}

/** Lets the application role use tables (and their identity sequences). */
export async function grantToApp(db: Kysely<unknown>, tables: string[]): Promise<void> {
  await sql
    .raw(`grant select, insert, update, delete on ${tables.join(', ')} to ${APP_ROLE}`)
    .execute(db);
  await sql.raw(`grant usage on all sequences in schema public to ${APP_ROLE}`).execute(db);
}
