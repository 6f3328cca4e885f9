import { Kysely, type MigrationProvider, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.ts';
import { APP_ROLE } from './migrations/rls.ts';

export { APP_ROLE };

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Runs all pending migrations as the owner (`adminUrl`) and makes sure the application role
 * exists with the given password. Returns the URL the services should connect with.
 */
export async function migrateToLatest(adminUrl: string, appPassword: string): Promise<string> {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 1 }) }),
  });
  try {
    await ensureAppRole(db, appPassword);
    const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error || failed)
      throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  } finally {
    await db.destroy();
  }
  const url = new URL(adminUrl);
  url.username = APP_ROLE;
  url.password = appPassword;
  return url.toString();
}

async function ensureAppRole(db: Kysely<unknown>, password: string): Promise<void> {
  // Roles are cluster-wide; several databases of one server share it. Concurrent creators may
  // race, hence the duplicate_object guard.
  await sql
    .raw(`do $$ begin
      create role ${APP_ROLE} login nosuperuser nobypassrls nocreatedb nocreaterole;
    exception when duplicate_object or unique_violation then null; end $$`)
    .execute(db);
  await sql
    .raw(`alter role ${APP_ROLE} with password '${password.replaceAll("'", "''")}'`)
    .execute(db);
}

/** Creates a database on the server of `adminUrl` and returns its admin URL. */
export async function createDatabase(
  adminUrl: string,
  name: string,
  template?: string,
): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
