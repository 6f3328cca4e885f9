import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/harness/database.ts';
import { type Db, withSupplier, withTenant } from './client.ts';
import type { Database } from './schema.ts';

type Env = Awaited<ReturnType<typeof freshDatabase>>;

/** Every statement this process sends to PostgreSQL while `fn` runs, in order. */
async function statementsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const a = args[0];
    sent.push(typeof a === 'string' ? a : String((a as { text?: string })?.text));
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return sent;
}

const setting = (trx: Db, name: string) =>
  sql<{ v: string | null }>`select current_setting(${name}, true) as v`
    .execute(trx)
    .then((r) => r.rows[0]?.v ?? null);

/**
 * A tenant's (or supplier's) transaction sends its BEGIN and its row-level security setting in
 * one round trip, and is scoped exactly as before.
 */
describe('scoped transactions', () => {
  let env: Env;
  let other: Kysely<Database>;
  beforeAll(async () => {
    env = await freshDatabase();
    other = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: env.appUrl, max: 2 }) }),
    });
  });
  afterAll(async () => {
    await other?.destroy();
    await env?.close();
  });

  it('sends BEGIN and the tenant setting as one statement, then the work and COMMIT', async () => {
    const tenantId = randomUUID();
    let seen: string | null = null;
    const sent = await statementsOf(() =>
      withTenant(env.db, tenantId, async (trx) => {
        seen = await setting(trx, 'app.tenant_id');
      }),
    );
    expect(seen).toBe(tenantId);
    expect(sent).toHaveLength(3);
    expect(sent[0]).toBe(`begin; select set_config('app.tenant_id', '${tenantId}', true)`);
    expect(sent[2]).toBe('commit');
  });

  it('does the same for a supplier', async () => {
    const supplierId = randomUUID();
    let seen: string | null = null;
    const sent = await statementsOf(() =>
      withSupplier(env.db, supplierId, async (trx) => {
        seen = await setting(trx, 'app.supplier_id');
      }),
    );
    expect(seen).toBe(supplierId);
    expect(sent[0]).toBe(`begin; select set_config('app.supplier_id', '${supplierId}', true)`);
    expect(sent).toHaveLength(3);
  });

  it('never writes an id that is not a uuid into SQL text: it is bound as a parameter', async () => {
    const hostile = `x', true); drop table orders; --`;
    let seen: string | null = null;
    const sent = await statementsOf(() =>
      withTenant(env.db, hostile, async (trx) => {
        seen = await setting(trx, 'app.tenant_id');
      }),
    );
    expect(seen).toBe(hostile);
    expect(sent.slice(0, 2)).toEqual(['begin', 'select set_config($1, $2, true)']);
    expect(sent.join('\n')).not.toContain('drop table');
    const still = await env.admin.selectFrom('orders').select('id').limit(1).execute();
    expect(still).toEqual([]);
  });

  it('scopes a transaction on a client that is not ours with a statement of its own', async () => {
    const tenantId = randomUUID();
    let seen: string | null = null;
    const sent = await statementsOf(() =>
      withTenant(other, tenantId, async (trx) => {
        seen = await setting(trx, 'app.tenant_id');
      }),
    );
    expect(seen).toBe(tenantId);
    expect(sent.slice(0, 2)).toEqual(['begin', 'select set_config($1, $2, true)']);
  });

  it('leaves a transaction the work opens on the pool itself unscoped, and nothing on the connection after', async () => {
    const tenantId = randomUUID();
    const inner = await withTenant(env.db, tenantId, () =>
      env.db.transaction().execute((trx) => setting(trx, 'app.tenant_id')),
    );
    expect(inner ?? '').toBe('');
    // The setting is transaction-local: every pooled connection is clean afterwards.
    const after = await Promise.all(
      Array.from({ length: 12 }, () => setting(env.db, 'app.tenant_id')),
    );
    expect(after.every((v) => (v ?? '') === '')).toBe(true);
  });

  it('rolls back the work of a scoped transaction that fails, and the connection stays usable', async () => {
    const tenantId = randomUUID();
    await expect(
      withTenant(env.db, tenantId, async (trx) => {
        await sql`select 1/0`.execute(trx);
      }),
    ).rejects.toThrow(/division by zero/);
    const again = await withTenant(env.db, tenantId, (trx) => setting(trx, 'app.tenant_id'));
    expect(again).toBe(tenantId);
  });
});
