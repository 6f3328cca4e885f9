import { cpus, loadavg, totalmem } from 'node:os';
import { loadRoutingData, type RoutingData, type Trx, withTenant } from '@switchyard/db';
import {
  createRoutingReference,
  loadRoutingDataByReference,
} from '@switchyard/db/testing/routing-reference';
import { routeOrder } from '@switchyard/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../harness/database.ts';
import { benchReport } from './bench-report.ts';
import { quantile } from './intake-load.ts';
import { benchOrderLines, ITEMS, SUPPLIERS, seedRoutingNetwork } from './routing-network.ts';

/**
 * `pnpm bench`: one routing decision (R-RT-1) with its data access, on a network of 1,000
 * suppliers and 100,000 catalog rows with 30 days of records each (routing-network.ts): the
 * tenant's transaction, the one-statement load and the pure decision. In the same run, order by
 * order in turn: the same decision through the previous statement (the record summed from 30
 * daily rows per candidate), and a tenant transaction with one primary-key read, the least any
 * data access costs. Writes bench-report/routing.md. A measurement, not a test.
 */
const DECISIONS = 2_000;

const { report, save } = benchReport('routing.md');
const ms = (n: number) => n.toFixed(2);

type Loader = (trx: Trx, need: Parameters<typeof loadRoutingData>[1]) => Promise<RoutingData>;

describe('routing decision', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  let tenantId: string;

  beforeAll(async () => {
    env = await freshDatabase();
    ({ tenantId } = await seedRoutingNetwork(env.admin, env.db));
    await createRoutingReference(env.admin);
    await sql`vacuum analyze`.execute(env.admin);
  });
  afterAll(async () => {
    await env?.close();
    await save();
  });

  it(`${DECISIONS} decisions on ${SUPPLIERS} suppliers and ${SUPPLIERS * 100} catalog rows`, async () => {
    const rows = await env.admin
      .selectFrom('supplier_items')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const startLoad = loadavg()[0]!;

    const decide = async (k: number, load: Loader) => {
      const now = new Date();
      const ls = benchOrderLines(k);
      const t0 = performance.now();
      const data = await withTenant(env.db, tenantId, (trx) =>
        load(trx, {
          itemCodes: ls.map((l) => l.supplierItemCode),
          country: 'US',
          carrier: 'USPS',
          now,
        }),
      );
      const t1 = performance.now();
      const d = routeOrder(data.suppliers, {
        country: 'US',
        carrier: 'USPS',
        lines: ls,
        nowMs: now.getTime(),
        shipByMs: now.getTime() + 48 * 3_600_000,
        pinned: data.pinned,
        excluded: data.excluded,
      });
      const t2 = performance.now();
      return { total: t2 - t0, decide: t2 - t1, candidates: data.suppliers.length, kind: d.kind };
    };
    const baseline = async () => {
      const t0 = performance.now();
      await withTenant(env.db, tenantId, (trx) =>
        trx.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst(),
      );
      return performance.now() - t0;
    };

    // Warm: plans cached, code compiled.
    for (let k = 0; k < 200; k++) {
      await decide(k, loadRoutingData);
      await decide(k, loadRoutingDataByReference);
    }
    const after = [];
    const before = [];
    const base = [];
    // In turn, so that whatever else the machine does weighs on the three alike.
    for (let k = 0; k < DECISIONS; k++) {
      after.push(await decide(k + 1000, loadRoutingData));
      before.push(await decide(k + 1000, loadRoutingDataByReference));
      base.push(await baseline());
    }
    // The statement alone, inside the database: 500 calls in one statement, so neither the
    // client nor the round trips weigh on it; in turn, five rounds each.
    const inDatabase = async (fn: string) => {
      const t0 = performance.now();
      await withTenant(env.db, tenantId, (trx) =>
        sql`select count(*) from generate_series(1, 500) g, lateral ${sql.raw(fn)}(
          array['ITEM-' || (1 + (g * 7919) % ${ITEMS}::int), 'ITEM-' || (1 + (g * 7919 + 3) % ${ITEMS}::int)],
          'US', 'USPS', now(), 30)`.execute(trx),
      );
      return (performance.now() - t0) / 500;
    };
    const dbAfter = [];
    const dbBefore = [];
    for (let r = 0; r < 5; r++) {
      dbAfter.push(await inDatabase('routing_candidates'));
      dbBefore.push(await inDatabase('routing_candidates_reference'));
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const kinds = after.reduce<Record<string, number>>((acc, r) => {
      acc[r.kind] = (acc[r.kind] ?? 0) + 1;
      return acc;
    }, {});
    const meanCandidates = after.reduce((n, r) => n + r.candidates, 0) / after.length;
    expect(rows.n).toBeGreaterThan(90_000);
    expect(before.map((r) => r.kind)).toEqual(after.map((r) => r.kind));

    report('# Routing decision (R-RT-1)');
    report('');
    report(
      `Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, ` +
        `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
        `load average ${startLoad.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end.`,
    );
    report(
      `${SUPPLIERS} suppliers, ${rows.n} catalog rows, 30 days of records; ${DECISIONS} orders ` +
        `of 1–3 lines one after another; ${meanCandidates.toFixed(1)} candidates loaded per order ` +
        `on average; decisions: ${Object.entries(kinds)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}.`,
    );
    report('');
    report('| | p50 ms | p99 ms | max ms |');
    report('| --- | --- | --- | --- |');
    const row = (label: string, xs: number[]) => {
      const s = sorted(xs);
      report(
        `| ${label} | ${ms(quantile(s, 0.5))} | ${ms(quantile(s, 0.99))} | ${ms(s.at(-1)!)} |`,
      );
    };
    row(
      '**load (tenant transaction, one statement) + decision**',
      after.map((r) => r.total),
    );
    row(
      '… the decision alone (pure)',
      after.map((r) => r.decide),
    );
    row(
      'before: the record summed from 30 daily rows per candidate, load + decision',
      before.map((r) => r.total),
    );
    row(
      '… the decision alone (pure)',
      before.map((r) => r.decide),
    );
    row('baseline: tenant transaction with one primary-key read', base);
    report('');
    report(
      `The statement alone in the database, per call (median of 5 rounds of 500 calls of 2 ` +
        `items): ${ms(quantile(sorted(dbAfter), 0.5))} ms now, ` +
        `${ms(quantile(sorted(dbBefore), 0.5))} ms before.`,
    );
  });
});
