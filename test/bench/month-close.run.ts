import { cpus, loadavg, totalmem } from 'node:os';
import { createTenant, ledgerPeriodTotals, upsertSupplier, withTenant } from '@switchyard/db';
import { seedShop } from '@switchyard/db/testing';
import { periodRange } from '@switchyard/domain';
import { planMonthClose } from '@switchyard/stripe-billing';
import { monthCloseWorkflowId, runMonthClose } from '@switchyard/workflows';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBillingService } from '../harness/billing.ts';
import { freshDatabase } from '../harness/database.ts';
import { benchReport } from './bench-report.ts';

/**
 * `pnpm bench`: the month close of one tenant holding 1,000,000 ledger entries in the month,
 * end to end (issue 11): the `monthClose` workflow on the billing service's own process,
 * through Temporal and the Stripe simulator over HTTP — plan (the aggregate), customer, draft
 * invoice, items (the fee line is over Stripe's per-item limit and goes in two parts), total
 * check, finalize. Beside it, in the same run, the bare aggregate statement, the baseline the
 * close can at best approach. Writes bench-report/month-close.md. A measurement, not a test.
 */
const ORDERS = 250_000; // × 4 kinds = 1,000,000 entries
const PERIOD = '2026-10';

const { report, save } = benchReport('month-close.md');
const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;

describe('month close of 1,000,000 entries', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  let billing: Awaited<ReturnType<typeof startBillingService>>;
  let connection: Connection;
  let temporal: Client;
  let tenantId: string;
  const taskQueue = `bench-close-${Date.now()}`;

  beforeAll(async () => {
    env = await freshDatabase();
    tenantId = await createTenant(env.db, 'Bench close seller');
    const shopId = await withTenant(env.db, tenantId, (trx) => seedShop(trx, tenantId, 'bench'));
    const { from } = periodRange(PERIOD);
    const started = performance.now();
    // Seeded by the owner in bulk: a month of a large seller's orders and their four charges.
    await sql`
      insert into orders (tenant_id, shop_id, platform_order_id, workflow_id, status, created_at)
      select ${tenantId}, ${shopId}, 'C' || g, 'wf-' || g, 'completed',
        ${from}::timestamptz + (g % 40000) * interval '1 minute'
      from generate_series(1, ${ORDERS}) g`.execute(env.admin);
    const supplierId = await upsertSupplier(env.admin, {
      code: 'bench-close-sup',
      name: 'Bench supplier',
      endpointUrl: 'http://127.0.0.1:9',
      signingSecretEnc: 's',
      partnerKeyHash: 'bench-close-sup',
      countries: ['US'],
      carriers: ['USPS'],
    });
    await sql`
      insert into dispatches (id, tenant_id, order_id, supplier_id, workflow_id, attempt, status)
      select 'd-' || o.platform_order_id, o.tenant_id, o.id, ${supplierId}, o.workflow_id, 0, 'shipped'
      from orders o where o.tenant_id = ${tenantId}`.execute(env.admin);
    await sql`
      insert into ledger_entries (tenant_id, order_id, kind, amount_minor, currency, created_at,
        entry_key, dispatch_id, sla, reason, operator_id)
      select o.tenant_id, o.id, k.kind,
        case k.kind when 'order_fee' then 500 when 'logistics_markup' then 60
                    when 'sla_credit' then -15 else 5 end,
        'USD', o.created_at,
        case k.kind when 'logistics_markup' then 'logistics_markup:d-' || o.platform_order_id
                    else k.kind || ':' || o.id end,
        case k.kind when 'logistics_markup' then 'd-' || o.platform_order_id end,
        case k.kind when 'sla_credit' then 'R-SLA-5' end,
        case k.kind when 'adjustment' then 'bench' end,
        case k.kind when 'adjustment' then 'bench' end
      from orders o
      cross join (values ('order_fee'), ('logistics_markup'), ('sla_credit'), ('adjustment')) k(kind)
      where o.tenant_id = ${tenantId}`.execute(env.admin);
    report(
      `Seeded ${ORDERS * 4} ledger entries in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    await sql`vacuum analyze`.execute(env.admin);
    billing = await startBillingService({ appUrl: env.appUrl, taskQueue });
    connection = await Connection.connect({ address: inject('temporalAddress') });
    temporal = new Client({ connection });
  });
  afterAll(async () => {
    await billing?.close();
    await connection?.close();
    await env?.close();
    await save();
  });

  it('closes the month through Temporal and the Stripe simulator', async () => {
    const range = periodRange(PERIOD);
    const bare = async () => {
      const t = performance.now();
      await withTenant(env.db, tenantId, (trx) => ledgerPeriodTotals(trx, { tenantId, ...range }));
      return performance.now() - t;
    };
    const plan = async () => {
      const t = performance.now();
      await planMonthClose({ db: env.db }, tenantId, PERIOD);
      return performance.now() - t;
    };
    const baseline = [await bare(), await bare()];
    const planned = [await plan(), await plan()];

    const started = performance.now();
    const result = await runMonthClose(temporal, { tenantId, period: PERIOD }, taskQueue);
    const wall = performance.now() - started;
    const after = [await bare()];

    expect(result.invoices.map((i) => [i.status, i.totalMinor])).toEqual([
      ['open', String(ORDERS * (500 + 60 - 15 + 5))],
    ]);
    const items = [...billing.stripe.store.invoiceItems.values()].filter(
      (ii) => ii.invoice === result.invoices[0]!.invoiceId,
    );
    expect(items.reduce((s, ii) => s + ii.amount, 0)).toBe(ORDERS * 550);

    // Where the time went: each activity from its scheduling to its completion, by type.
    const history = await temporal.workflow
      .getHandle(monthCloseWorkflowId(tenantId, PERIOD))
      .fetchHistory();
    const events = history.events ?? [];
    const scheduled = new Map<string, { type: string; at: number }>();
    const byType = new Map<string, { n: number; ms: number }>();
    for (const e of events) {
      if (e.activityTaskScheduledEventAttributes)
        scheduled.set(String(e.eventId), {
          type: e.activityTaskScheduledEventAttributes.activityType?.name ?? '?',
          at: ms(e.eventTime),
        });
      const done = e.activityTaskCompletedEventAttributes;
      if (done) {
        const s = scheduled.get(String(done.scheduledEventId))!;
        const row = byType.get(s.type) ?? { n: 0, ms: 0 };
        row.n++;
        row.ms += ms(e.eventTime) - s.at;
        byType.set(s.type, row);
      }
    }
    const first = ms(events[0]?.eventTime);
    const last = ms(events.at(-1)?.eventTime);

    report('');
    report(`## Month close of ${ORDERS * 4} entries, one tenant, end to end`);
    report('');
    report('| step | calls | ms |');
    report('| --- | ---: | ---: |');
    for (const [type, r] of byType) report(`| ${type} | ${r.n} | ${r.ms.toFixed(0)} |`);
    report(`| workflow, first to last history event | | ${(last - first).toFixed(0)} |`);
    report(`| **close as the command sees it (start → result)** | | **${wall.toFixed(0)}** |`);
    report('');
    report('Same run, same data:');
    report('');
    report('| baseline | ms |');
    report('| --- | ---: |');
    for (const [i, b] of baseline.entries())
      report(`| bare aggregate (\`ledgerPeriodTotals\`), run ${i + 1} before | ${b.toFixed(0)} |`);
    report(`| bare aggregate, after the close | ${after[0]!.toFixed(0)} |`);
    for (const [i, p] of planned.entries())
      report(
        `| the close's plan (aggregate + closed-period check), run ${i + 1} | ${p.toFixed(0)} |`,
      );
    report('');
    report(
      `Invoice total ${result.invoices[0]!.totalMinor} (minor units) = the ledger's; ${items.length} items (the fee line split at Stripe's 99,999,999 limit).`,
    );
    report(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}; load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}.`,
    );
    expect(wall).toBeLessThan(60_000);
  });
});
