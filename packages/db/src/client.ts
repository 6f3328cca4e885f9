import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  PostgresDriver,
  sql,
  type Transaction,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

// bigint (int8) arrives as a string so no precision is lost; callers convert money explicitly.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

/** The row-level security settings a transaction can be scoped by. */
type ScopeSetting = 'app.tenant_id' | 'app.supplier_id';
/** A scope waiting for the BEGIN of the transaction that withTenant/withSupplier opens. */
type PendingScope = { setting: ScopeSetting; id: string; applied: boolean };

const pendingScope = new AsyncLocalStorage<PendingScope>();
// Only a value of exactly this shape is ever written into SQL text (and the setting's name is
// one of two constants): a uuid has no quote, backslash or semicolon to escape from.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Sends the BEGIN of a scoped transaction and its `set_config` as one simple-protocol message
 * (one round trip instead of two). Every tenant transaction of the platform pays for it, so it
 * is worth a driver of our own; any other BEGIN is the stock one.
 */
class ScopingPostgresDriver extends PostgresDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const scope = pendingScope.getStore();
    if (
      !scope ||
      scope.applied ||
      !UUID.test(scope.id) ||
      settings.isolationLevel ||
      settings.accessMode
    )
      return super.beginTransaction(connection, settings);
    // No parameters: pg uses the simple query protocol, which carries both statements at once.
    try {
      await connection.executeQuery(
        CompiledQuery.raw(`begin; select set_config('${scope.setting}', '${scope.id}', true)`),
      );
    } catch (err) {
      // The BEGIN may have run without its setting: Kysely rolls back only what began, so a
      // half-open transaction must not go back to the pool.
      type PgConnection = Parameters<PostgresDriver['rollbackTransaction']>[0];
      await this.rollbackTransaction(connection as PgConnection).catch(() => {});
      throw err;
    }
    scope.applied = true;
  }
}

class ScopingPostgresDialect extends PostgresDialect {
  readonly #config: ConstructorParameters<typeof PostgresDialect>[0];
  constructor(config: ConstructorParameters<typeof PostgresDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ScopingPostgresDriver(this.#config);
  }
}

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
  return new Kysely<Database>({ dialect: new ScopingPostgresDialect({ pool }) });
}

/**
 * Opens a transaction scoped by one row-level security setting. The setting travels with the
 * BEGIN when the client is ours and the id is a uuid; otherwise (another Kysely client, an id
 * of another shape) it is set by a statement of its own, as before. Either way `fn` runs only
 * once the setting is in place, and outside the pending scope, so a transaction it opens on
 * `db` itself is not scoped by accident.
 */
function scoped<T>(
  db: Db,
  setting: ScopeSetting,
  id: string,
  fn: (trx: Trx) => Promise<T>,
): Promise<T> {
  const scope: PendingScope = { setting, id, applied: false };
  return pendingScope.run(scope, () =>
    db.transaction().execute(async (trx) => {
      if (!scope.applied) await sql`select set_config(${setting}, ${id}, true)`.execute(trx);
      return pendingScope.exit(() => fn(trx));
    }),
  );
}

/**
 * Runs `fn` in a transaction scoped to one tenant: every row-level security policy sees
 * `app.tenant_id`. The setting is transaction-local, so pooled connections never leak it.
 */
export function withTenant<T>(db: Db, tenantId: string, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return scoped(db, 'app.tenant_id', tenantId, fn);
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
  return scoped(db, 'app.supplier_id', supplierId, fn);
}
