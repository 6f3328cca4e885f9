import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { createTenant, type Db, withTenant } from '@switchyard/db';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../harness/database.ts';
import { quantile } from './intake-load.ts';
import { findProcess, treeCpuMs } from './order-costs.ts';

/**
 * `pnpm bench`: the least a tenant's data access costs, a transaction with one primary-key
 * read, two ways on the same database: BEGIN and the tenant setting in one round trip (the
 * platform's client), and in two (a stock Kysely client, as every transaction was sent
 * before). Latency in turn, one by one; CPU (this process and PostgreSQL's) in alternating
 * blocks, since CPU time moves less with the machine's load than latency does. Writes
 * bench-report/tenant-transaction.md. A measurement, not a test.
 */
const ROUNDS = Number(process.env.BENCH_TRANSACTIONS ?? 3_000);
const BLOCK = 250;

describe('tenant transaction', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  let stock: Db;
  let tenantId: string;
  const lines: string[] = [];

  beforeAll(async () => {
    env = await freshDatabase();
    stock = new Kysely({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: env.appUrl, max: 1 }) }),
    }) as Db;
    tenantId = await createTenant(env.db, 'Bench tenant');
  });
  afterAll(async () => {
    await stock?.destroy();
    await env?.close();
    await mkdir('bench-report', { recursive: true });
    await writeFile('bench-report/tenant-transaction.md', `${lines.join('\n')}\n`);
  });

  it(`${ROUNDS} transactions each way, in turn`, async () => {
    const read = (db: Db) => async () => {
      const t0 = performance.now();
      const found = await withTenant(db, tenantId, (trx) =>
        trx.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst(),
      );
      if (found?.id !== tenantId) throw new Error('tenant row not visible');
      return performance.now() - t0;
    };
    const ways = { one: read(env.db), two: read(stock) };
    for (let k = 0; k < 300; k++) await Promise.all([ways.one(), ways.two()]);
    const load = loadavg()[0]!.toFixed(1);
    const a: number[] = [];
    const b: number[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      a.push(await ways.one());
      b.push(await ways.two());
    }
    // CPU per transaction, each way in blocks, alternating.
    const pgPid = findProcess(['-p', new URL(inject('pgAdminUrl')).port]);
    const cpu = { one: { node: 0, pg: 0 }, two: { node: 0, pg: 0 } };
    const block = async (way: 'one' | 'two') => {
      const n0 = process.cpuUsage();
      const p0 = pgPid ? treeCpuMs(pgPid) : Number.NaN;
      for (let k = 0; k < BLOCK; k++) await ways[way]();
      const n1 = process.cpuUsage(n0);
      cpu[way].node += (n1.user + n1.system) / 1000;
      cpu[way].pg += (pgPid ? treeCpuMs(pgPid) : Number.NaN) - p0;
    };
    const blocks = Math.max(1, Math.round(ROUNDS / BLOCK));
    for (let k = 0; k < blocks; k++) {
      await block('one');
      await block('two');
    }
    const perTx = (ms: number) => ((ms / (blocks * BLOCK)) * 1000).toFixed(0);
    const row = (label: string, xs: number[]) => {
      const s = [...xs].sort((x, y) => x - y);
      return `| ${label} | ${quantile(s, 0.5).toFixed(3)} | ${quantile(s, 0.9).toFixed(3)} | ${quantile(s, 0.99).toFixed(3)} |`;
    };
    lines.push(
      `${cpus().length} cores, load average ${load} at the start, ${ROUNDS} of each in turn.\n`,
      '| tenant transaction, one primary-key read | p50 ms | p90 ms | p99 ms |',
      '| --- | --- | --- | --- |',
      row('BEGIN + setting in one round trip (3 in all)', a),
      row('BEGIN, setting, read, COMMIT (4 round trips)', b),
      '',
      `| CPU µs per transaction (${blocks} blocks of ${BLOCK} each way) | this process | PostgreSQL |`,
      '| --- | --- | --- |',
      `| BEGIN + setting in one round trip | ${perTx(cpu.one.node)} | ${perTx(cpu.one.pg)} |`,
      `| in two round trips | ${perTx(cpu.two.node)} | ${perTx(cpu.two.pg)} |`,
    );
    console.log(lines.join('\n'));
    expect(a).toHaveLength(ROUNDS);
  });
});
