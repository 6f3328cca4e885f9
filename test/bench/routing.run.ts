import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { createTenant, loadRoutingData, setSupplierPreference, withTenant } from '@switchyard/db';
import { routeOrder } from '@switchyard/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../harness/database.ts';
import { quantile } from './intake-load.ts';

/**
 * `pnpm bench`: one routing decision (R-RT-1) with its data access, on a network of 1,000
 * suppliers and 100,000 catalog rows (10,000 items, each stocked by 10 suppliers, each supplier
 * a range of 100 neighbouring items), 30
 * days of records each: the tenant's transaction, the one-statement load and the pure decision.
 * Beside it, the same run: a tenant transaction with one primary-key read, the least any data
 * access costs. Writes bench-report/routing.md. A measurement, not a test.
 */
const SUPPLIERS = 1_000;
const ITEMS = 10_000;
const PER_ITEM = 10;
const DECISIONS = 2_000;

const lines: string[] = [];
const report = (s: string) => {
  lines.push(s);
  console.log(s);
};
const ms = (n: number) => n.toFixed(2);

describe('routing decision', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  let tenantId: string;

  beforeAll(async () => {
    env = await freshDatabase();
    // Seeded by the owner in bulk: what the suppliers' feeds would have written over time.
    await sql`
      insert into suppliers (code, name, endpoint_url, signing_secret_enc, partner_key_hash,
        countries, carriers, handling_days, cutoff_minute, daily_capacity)
      select 'S' || lpad(g::text, 4, '0'), 'Supplier ' || g, 'https://s' || g || '.example/d',
        'x', 'hash-' || g,
        case when g % 10 = 0 then array['GB'] else array['US', 'GB'] end,
        case when g % 7 = 0 then array['UPS'] else array['USPS', 'UPS'] end,
        g % 3, 600 + (g % 8) * 60, case when g % 5 = 0 then 100 end
      from generate_series(1, ${SUPPLIERS}) g`.execute(env.admin);
    await sql`
      insert into supplier_items (supplier_id, supplier_item_code, stock, unit_cost_minor)
      select s.id, 'ITEM-' || (1 + (g * 10 + k) % ${ITEMS}), (g * 7 + k) % 40,
        100 + (g * 13 + k * 17) % 900
      from generate_series(1, ${SUPPLIERS}) g
      cross join generate_series(0, ${(ITEMS / SUPPLIERS) * PER_ITEM - 1}) k
      join suppliers s on s.code = 'S' || lpad(g::text, 4, '0')`.execute(env.admin);
    await sql`
      insert into supplier_rates (supplier_id, country, carrier, parcel_cost_minor)
      select id, 'US', 'USPS', 300 + (hashtext(code) & 511) from suppliers`.execute(env.admin);
    await sql`
      insert into supplier_days (supplier_id, day, dispatched, acked_in_time, shipped,
        shipped_on_time, valid_tracking)
      select id, current_date - d, 20, 18 + (d % 3), 20, 17 + (d % 4), 19
      from suppliers cross join generate_series(0, 29) d`.execute(env.admin);
    // As autovacuum leaves a table between bursts of writes: statistics and visibility known.
    await sql`vacuum analyze`.execute(env.admin);
    tenantId = await createTenant(env.db, 'Bench seller');
    const [pin, ex] = await env.admin.selectFrom('suppliers').select('id').limit(2).execute();
    await withTenant(env.db, tenantId, async (trx) => {
      await setSupplierPreference(trx, tenantId, pin!.id, { kind: 'pin', position: 0 });
      await setSupplierPreference(trx, tenantId, ex!.id, { kind: 'exclude' });
    });
  });
  afterAll(async () => {
    await env?.close();
    await mkdir('bench-report', { recursive: true });
    await writeFile('bench-report/routing.md', `${lines.join('\n')}\n`);
  });

  it(`${DECISIONS} decisions on ${SUPPLIERS} suppliers and ${SUPPLIERS * 100} catalog rows`, async () => {
    const rows = await env.admin
      .selectFrom('supplier_items')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    // A basket's items come from one part of the catalog, as a shop sells a range of products.
    const orderLines = (k: number) =>
      Array.from({ length: 1 + (k % 3) }, (_, j) => ({
        supplierItemCode: `ITEM-${1 + ((((k * 7919) % ITEMS) + j * 3) % ITEMS)}`,
        quantity: 1 + ((k + j) % 3),
      }));

    const decide = async (k: number) => {
      const now = new Date();
      const ls = orderLines(k);
      const t0 = performance.now();
      const data = await withTenant(env.db, tenantId, (trx) =>
        loadRoutingData(trx, {
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

    for (let k = 0; k < 200; k++) await decide(k); // warm: plans cached, code compiled
    const runs = [];
    const base = [];
    for (let k = 0; k < DECISIONS; k++) {
      runs.push(await decide(k + 1000));
      base.push(await baseline());
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const total = sorted(runs.map((r) => r.total));
    const pure = sorted(runs.map((r) => r.decide));
    const bs = sorted(base);
    const kinds = runs.reduce<Record<string, number>>((acc, r) => {
      acc[r.kind] = (acc[r.kind] ?? 0) + 1;
      return acc;
    }, {});
    const meanCandidates = runs.reduce((n, r) => n + r.candidates, 0) / runs.length;
    expect(rows.n).toBeGreaterThan(90_000);

    report('# Routing decision (R-RT-1)');
    report('');
    report(
      `Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, ` +
        `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
        `load average ${loadavg()[0]!.toFixed(1)} at the end.`,
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
    report(
      `| load (tenant transaction, one statement) + decision | **${ms(quantile(total, 0.5))}** | **${ms(quantile(total, 0.99))}** | ${ms(total.at(-1)!)} |`,
    );
    report(
      `| the decision alone (pure) | ${ms(quantile(pure, 0.5))} | ${ms(quantile(pure, 0.99))} | ${ms(pure.at(-1)!)} |`,
    );
    report(
      `| baseline: tenant transaction with one primary-key read | ${ms(quantile(bs, 0.5))} | ${ms(quantile(bs, 0.99))} | ${ms(bs.at(-1)!)} |`,
    );
  });
});
