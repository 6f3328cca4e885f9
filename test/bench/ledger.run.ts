import { cpus, loadavg, totalmem } from 'node:os';
import {
  addLedgerEntry,
  createTenant,
  ledgerPeriodTotals,
  upsertSupplier,
  withTenant,
} from '@switchyard/db';
import { seedShop } from '@switchyard/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../harness/database.ts';
import { benchReport } from './bench-report.ts';

/**
 * `pnpm bench`: the billing ledger (issue 11).
 *
 * 1. Write throughput: entries/s through the ledger's writer (`addLedgerEntry`, each in its own
 *    tenant transaction as a charge is written with its fact), beside a plain INSERT of the
 *    same row in the same transaction shape, in the same run.
 * 2. The month close's aggregate (`ledgerPeriodTotals`, one statement) over one tenant holding
 *    1,000,000 entries in the month, all four kinds; target under 60 s.
 *
 * Writes bench-report/ledger.md. A measurement, not a test.
 */
const ORDERS = 250_000; // × 4 kinds = 1,000,000 entries
const WRITES = 4_000;
const LANES = 4;

const { report, save } = benchReport('ledger.md');

describe('billing ledger', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  let tenantId: string;
  let month: { from: Date; to: Date };

  beforeAll(async () => {
    env = await freshDatabase();
    tenantId = await createTenant(env.db, 'Bench seller');
    const shopId = await withTenant(env.db, tenantId, (trx) => seedShop(trx, tenantId, 'bench'));
    const supplierId = await upsertSupplier(env.admin, {
      code: 'bench-sup',
      name: 'Bench supplier',
      endpointUrl: 'http://x',
      signingSecretEnc: 's',
      partnerKeyHash: 'bench-sup',
      countries: ['US'],
      carriers: ['USPS'],
    });
    const now = new Date();
    month = {
      from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
      to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
    };
    const started = performance.now();
    // Seeded by the owner in bulk: a month of a large seller's orders and their charges, spread
    // over the month so far; plus orders still to be charged, for the write measurement.
    await sql`
      insert into orders (tenant_id, shop_id, platform_order_id, workflow_id, status, created_at)
      select ${tenantId}, ${shopId}, 'B' || g, 'wf-' || g, 'completed',
        ${month.from}::timestamptz + (g % 1000) * interval '1 minute'
      from generate_series(1, ${ORDERS + 2 * WRITES}) g`.execute(env.admin);
    await sql`
      insert into dispatches (id, tenant_id, order_id, supplier_id, workflow_id, attempt, status)
      select 'd-' || o.platform_order_id, o.tenant_id, o.id, ${supplierId}, o.workflow_id, 0, 'shipped'
      from orders o where substr(o.platform_order_id, 2)::int <= ${ORDERS}`.execute(env.admin);
    await sql`
      insert into ledger_entries (tenant_id, order_id, kind, amount_minor, currency, created_at,
        entry_key, explanation, dispatch_id, sla, reason, operator_id)
      select o.tenant_id, o.id, k.kind,
        case k.kind when 'order_fee' then 30 when 'logistics_markup' then 60
                    when 'sla_credit' then -15 else 5 end,
        'USD', o.created_at,
        case k.kind when 'logistics_markup' then 'logistics_markup:d-' || o.platform_order_id
                    when 'sla_credit' then 'sla_credit:' || o.id || ':R-SLA-5'
                    when 'adjustment' then 'adjustment:bench-' || o.platform_order_id
                    else k.kind || ':' || o.id end,
        '{"rule":"R-BIL-1","basisMinor":"600","rateBp":1000}'::jsonb,
        case k.kind when 'logistics_markup' then 'd-' || o.platform_order_id end,
        case k.kind when 'sla_credit' then 'R-SLA-5' end,
        case k.kind when 'adjustment' then 'bench' end,
        case k.kind when 'adjustment' then 'bench' end
      from orders o
      cross join (values ('order_fee'), ('logistics_markup'), ('sla_credit'), ('adjustment')) k(kind)
      where substr(o.platform_order_id, 2)::int <= ${ORDERS}`.execute(env.admin);
    report(
      `Seeded ${ORDERS * 4} ledger entries in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    // As autovacuum leaves a table between bursts of writes: statistics and visibility known,
    // and no vacuum of the bulk load running under the measurements.
    await sql`vacuum analyze`.execute(env.admin);
  });
  afterAll(async () => {
    await env?.close();
    await save();
  });

  it(`writes ${WRITES} order fees through the writer, beside a plain INSERT`, async () => {
    const orders = await env.admin
      .selectFrom('orders')
      .select('id')
      .where(sql<boolean>`substr(platform_order_id, 2)::int > ${ORDERS}`)
      .orderBy('platform_order_id')
      .execute();
    const writer = orders.slice(0, WRITES).map((o) => o.id);
    const plain = orders.slice(WRITES).map((o) => o.id);

    /** Milliseconds `write` takes over `ids`, in LANES concurrent lanes. */
    async function lanes(ids: string[], write: (orderId: string) => Promise<unknown>) {
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: LANES }, async () => {
          while (next < ids.length) await write(ids[next++]!);
        }),
      );
      return performance.now() - started;
    }
    const viaWriter = (orderId: string) =>
      withTenant(env.db, tenantId, (trx) =>
        addLedgerEntry(trx, {
          kind: 'order_fee',
          tenantId,
          orderId,
          amountMinor: 30n,
          currency: 'USD',
          explanation: { rule: 'R-BIL-1', planId: null, basisMinor: '30', rateBp: null },
        }),
      );
    const viaInsert = (orderId: string) =>
      withTenant(env.db, tenantId, (trx) =>
        sql`insert into ledger_entries (tenant_id, order_id, kind, amount_minor, currency, entry_key)
            values (${tenantId}, ${orderId}, 'order_fee', 30, 'USD', ${`order_fee:${orderId}`})`.execute(
          trx,
        ),
      );
    // Rounds alternate which path goes first, so the ups and downs of a shared machine fall on
    // both alike. After each round the writer replays its entries: all duplicates.
    const ROUND = 250;
    const ms = { writer: 0, plain: 0, replay: 0 };
    for (let r = 0; r < WRITES / ROUND; r++) {
      const w = writer.slice(r * ROUND, (r + 1) * ROUND);
      const q = plain.slice(r * ROUND, (r + 1) * ROUND);
      if (r % 2 === 0) {
        ms.writer += await lanes(w, viaWriter);
        ms.plain += await lanes(q, viaInsert);
      } else {
        ms.plain += await lanes(q, viaInsert);
        ms.writer += await lanes(w, viaWriter);
      }
      ms.replay += await lanes(w, viaWriter);
    }
    const perS = (total: number) => (WRITES / (total / 1000)).toFixed(0);
    const total = await env.admin
      .selectFrom('ledger_entries')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(ORDERS * 4 + 2 * WRITES);
    report('');
    report(`## Write throughput (${LANES} concurrent lanes, one tenant transaction per entry)`);
    report('');
    report('| path | entries/s |');
    report('| --- | ---: |');
    report(
      `| ledger writer (\`addLedgerEntry\`: ON CONFLICT DO NOTHING, entry key, explanation) | ${perS(ms.writer)} |`,
    );
    report(`| plain INSERT of the same row, same transaction shape | ${perS(ms.plain)} |`);
    report(`| ledger writer replaying the same entries (all duplicates) | ${perS(ms.replay)} |`);
  });

  it('sums one tenant’s month of 1,000,000 entries in one aggregate query', async () => {
    const run = async () => {
      const started = performance.now();
      const totals = await withTenant(env.db, tenantId, (trx) =>
        ledgerPeriodTotals(trx, { tenantId, ...month }),
      );
      return { ms: performance.now() - started, totals };
    };
    const cold = await run();
    const warm = [await run(), await run(), await run()];
    const entries = cold.totals.reduce((n, t) => n + t.count, 0);
    expect(entries).toBe(ORDERS * 4 + 2 * WRITES);
    expect(warm[0]!.totals).toEqual(cold.totals);
    const plan = await withTenant(env.db, tenantId, (trx) =>
      sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers)
        select kind, currency, count(*), sum(amount_minor) from ledger_entries
        where tenant_id = ${tenantId} and created_at >= ${month.from} and created_at < ${month.to}
        group by kind, currency`.execute(trx),
    );
    // The same statement made to use ledger_entries_period, as it does when the table holds
    // other tenants and months (here the whole table is this tenant's month: a scan wins).
    const viaIndex = await withTenant(env.db, tenantId, async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const started = performance.now();
      await ledgerPeriodTotals(trx, { tenantId, ...month });
      const took = performance.now() - started;
      const shape = await sql<{ 'QUERY PLAN': string }>`explain
        select kind, currency, count(*), sum(amount_minor) from ledger_entries
        where tenant_id = ${tenantId} and created_at >= ${month.from} and created_at < ${month.to}
        group by kind, currency`.execute(trx);
      return { ms: took, shape: shape.rows.map((r) => r['QUERY PLAN']) };
    });
    report('');
    report(`## Month close aggregate over ${entries} entries of one tenant`);
    report('');
    report('| run | ms |');
    report('| --- | ---: |');
    report(`| run 1 | ${cold.ms.toFixed(0)} |`);
    for (const [i, w] of warm.entries()) report(`| again, run ${i + 2} | ${w.ms.toFixed(0)} |`);
    report(
      `| the same through \`ledger_entries_period\` (seq scan disabled) | ${viaIndex.ms.toFixed(0)} |`,
    );
    report('');
    report('```');
    for (const r of plan.rows) report(r['QUERY PLAN']);
    report('```');
    report('');
    report('Through the index:');
    report('');
    report('```');
    for (const r of viaIndex.shape) report(r);
    report('```');
    report('');
    report(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}; load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}.`,
    );
    expect(Math.max(...warm.map((w) => w.ms), cold.ms)).toBeLessThan(60_000);
  });
});
