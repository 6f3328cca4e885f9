import { randomBytes, randomUUID } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../migrate.ts';
import { migrations } from './index.ts';

/**
 * R-ONB-1: the migration that gives file-only shops their own namespace also undoes captures
 * made before it: marketplace tokens stored in another tenant's file-only shop are removed.
 */
describe('file-only shop namespace migration', () => {
  let db: Kysely<unknown>;
  const migrator = () => new Migrator({ db, provider: { getMigrations: async () => migrations } });

  beforeAll(async () => {
    const url = await createDatabase(inject('pgAdminUrl'), `m_${randomBytes(6).toString('hex')}`);
    db = new Kysely({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
    });
    const before = await migrator().migrateTo('20261128050000_buyer_data_retention');
    expect(before.error).toBeUndefined();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('strips tokens a file-only shop captured and resolves marketplace ids to OAuth-bound shops only', async () => {
    const squatter = randomUUID();
    await sql`insert into tenants (id, name) values (${squatter}, 'squatter')`.execute(db);
    // The pre-fix capture: a file-only row holding the owner's marketplace tokens.
    await sql`insert into shops (tenant_id, platform_shop_id, name, region, cipher, mode,
        access_token_enc, refresh_token_enc, access_expires_at, refresh_expires_at)
      values (${squatter}, 'VICTIM-1', 'x', 'US', 'cipher', 'csv', 'enc-a', 'enc-r', now(), now())`.execute(
      db,
    );

    const after = await migrator().migrateToLatest();
    expect(after.error).toBeUndefined();

    const { rows } = await sql<Record<string, unknown>>`
      select tenant_id, mode, cipher, access_token_enc, refresh_token_enc from shops`.execute(db);
    expect(rows).toEqual([
      {
        tenant_id: squatter,
        mode: 'csv',
        cipher: '',
        access_token_enc: null,
        refresh_token_enc: null,
      },
    ]);
    const resolved = await sql`select * from resolve_shop('tiktok', 'VICTIM-1')`.execute(db);
    expect(resolved.rows).toEqual([]);
  });
});
