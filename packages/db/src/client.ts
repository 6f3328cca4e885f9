import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

// bigint (int8) arrives as a string so no precision is lost; callers convert money explicitly.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

/** A pooled Kysely client. Connect as the application role so row-level security applies. */
export function createDb(url: string, opts: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  // An idle connection the server closed (restart, failover, shutdown) must not crash the
  // process: the pool drops it and the next query opens a fresh one.
  pool.on('error', () => {});
  // The same for a connection checked out but between queries when the server ends it (an
  // operator's pg_terminate_backend, a failover): pg emits 'error' on the client, which without
  // a listener kills the process. The next query on it fails, and the pool discards it.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Runs `fn` in a transaction scoped to one tenant: every row-level security policy sees
 * `app.tenant_id`. The setting is transaction-local, so pooled connections never leak it.
 */
export function withTenant<T>(db: Db, tenantId: string, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await scopeToTenant(trx, tenantId);
    return fn(trx);
  });
}

/**
 * Scopes the rest of a transaction to one tenant. For a transaction that acts for several
 * tenants in turn (the inbox dispatcher marks what it claimed across tenants); otherwise use
 * withTenant.
 */
export async function scopeToTenant(trx: Trx, tenantId: string): Promise<void> {
  await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
}

/** Like withTenant, for a partner supplier: it sees only the dispatches addressed to it. */
export function withSupplier<T>(
  db: Db,
  supplierId: string,
  fn: (trx: Trx) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.supplier_id', ${supplierId}, true)`.execute(trx);
    return fn(trx);
  });
}
