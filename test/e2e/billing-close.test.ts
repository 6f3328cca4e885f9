import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { listStripeCalls, withTenant } from '@switchyard/db';
import { periodRange, previousPeriod } from '@switchyard/domain';
import {
  ensureMonthCloseSchedule,
  MONTH_CLOSE_SCHEDULE_ID,
  monthCloseWorkflowId,
  runMonthClose,
} from '@switchyard/workflows';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addEntries, seedBillingTenant, startBillingService } from '../harness/billing.ts';
import { freshDatabase } from '../harness/database.ts';
import { eventually } from '../harness/platform.ts';

// Issue 11: the month close as a Temporal workflow on the billing service's own worker,
// against the Stripe simulator over HTTP; a close killed between any two steps and resumed.

type Env = Awaited<ReturnType<typeof freshDatabase>>;
type Billing = Awaited<ReturnType<typeof startBillingService>>;
let env: Env;
let billing: Billing;
let connection: Connection;
let temporal: Client;
const taskQueue = `billing-${randomUUID()}`;
const OCT = '2026-10-15T12:00:00Z';

beforeAll(async () => {
  env = await freshDatabase();
  billing = await startBillingService({ appUrl: env.appUrl, taskQueue });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  temporal = new Client({ connection });
});
afterAll(async () => {
  await billing?.close();
  await connection?.close();
  await env?.close();
});

const invoicesOf = (tenantId: string) =>
  [...billing.stripe.store.invoices.values()].filter((i) => i.metadata.tenant_id === tenantId);
const itemsOf = (invoiceId: string) =>
  [...billing.stripe.store.invoiceItems.values()].filter((ii) => ii.invoice === invoiceId);
const customersOf = (tenantId: string) =>
  [...billing.stripe.store.customers.values()].filter((c) => c.metadata.tenant_id === tenantId);

/** Two currencies, credits and a fee that changed mid-month (R-BIL-1, R-SLA-5). */
async function tenantWithOctober(name: string) {
  const t = await seedBillingTenant(env.db, name, 4);
  const [a, b, c, d] = t.orderIds as [string, string, string, string];
  await addEntries(env.db, t.tenantId, [
    { orderId: a, kind: 'order_fee', amountMinor: 30n, currency: 'USD', at: OCT },
    { orderId: b, kind: 'order_fee', amountMinor: 30n, currency: 'USD', at: OCT },
    {
      orderId: c,
      kind: 'order_fee',
      amountMinor: 40n,
      currency: 'USD',
      at: '2026-10-31T23:59:59Z',
    },
    { orderId: a, kind: 'logistics_markup', amountMinor: 12n, currency: 'USD', at: OCT },
    { orderId: b, kind: 'sla_credit', amountMinor: -30n, currency: 'USD', at: OCT },
    { orderId: d, kind: 'order_fee', amountMinor: 25n, currency: 'EUR', at: OCT },
    // November's entry is not October's.
    {
      orderId: d,
      kind: 'logistics_markup',
      amountMinor: 999n,
      currency: 'EUR',
      at: '2026-11-01T00:00:00Z',
    },
  ]);
  return t.tenantId;
}

describe('month close through Temporal and the Stripe simulator', () => {
  it('makes one finalized invoice per currency whose total equals the ledger', async () => {
    const tenantId = await tenantWithOctober('close');
    const result = await runMonthClose(temporal, { tenantId, period: '2026-10' }, taskQueue);
    expect(result.invoices.map((i) => [i.currency, i.status, i.totalMinor])).toEqual([
      ['EUR', 'open', '25'],
      ['USD', 'open', '82'],
    ]);
    const invoices = invoicesOf(tenantId);
    expect(invoices).toHaveLength(2);
    const usd = invoices.find((i) => i.currency === 'usd')!;
    expect(usd.autoAdvance).toBe(true);
    expect(itemsOf(usd.id).map((ii) => [ii.metadata.line, ii.amount, ii.description])).toEqual([
      ['order_fee', 100, '3 orders, per-order fees (R-BIL-1)'],
      ['logistics_markup', 12, 'Logistics markup on 1 order'],
      ['sla_credit', -30, 'SLA credits on 1 order (R-SLA-5)'],
    ]);
    expect(customersOf(tenantId)).toHaveLength(1);
    const rows = await withTenant(env.db, tenantId, (trx) =>
      trx.selectFrom('billing_invoices').selectAll().orderBy('currency').execute(),
    );
    expect(
      rows.map((r) => [r.currency, r.status, r.ledger_total_minor, r.stripe_total_minor]),
    ).toEqual([
      ['EUR', 'finalized', '25', '25'],
      ['USD', 'finalized', '82', '82'],
    ]);
    // Every Stripe write went through the outbox and completed.
    const calls = await withTenant(env.db, tenantId, (trx) => listStripeCalls(trx, tenantId));
    expect(calls.map((c) => c.operation).sort()).toEqual(
      [
        'customers.create',
        'invoices.create',
        'invoices.create',
        'invoiceItems.create',
        'invoiceItems.create',
        'invoiceItems.create',
        'invoiceItems.create',
        'invoices.finalizeInvoice',
        'invoices.finalizeInvoice',
      ].sort(),
    );
    expect(calls.every((c) => c.status === 'succeeded')).toBe(true);

    // Its history replays against today's workflow code (no nondeterminism).
    const history = await temporal.workflow
      .getHandle(monthCloseWorkflowId(tenantId, '2026-10'))
      .fetchHistory();
    const code = await readFile(inject('workflowBundlePath'), 'utf8');
    await Worker.runReplayHistory({ workflowBundle: { code } }, history);

    // Run again (an operator's re-run): it finds everything and makes nothing new.
    const before = billing.stripe.requests().filter((r) => r.method === 'POST').length;
    const again = await runMonthClose(temporal, { tenantId, period: '2026-10' }, taskQueue);
    expect(again.invoices.map((i) => i.invoiceId).sort()).toEqual(invoices.map((i) => i.id).sort());
    expect(billing.stripe.requests().filter((r) => r.method === 'POST').length).toBe(before);
  });

  it('the scheduled close starts one close per tenant with entries in the period', async () => {
    const tenantId = await tenantWithOctober('scheduled');
    const started = await temporal.workflow.execute('monthCloseAll', {
      workflowId: `billing:month-close-all:${randomUUID()}`,
      taskQueue,
      args: [{ version: 1, period: '2026-10' }],
    });
    expect(started).toBeGreaterThanOrEqual(1);
    const result = (await temporal.workflow
      .getHandle(monthCloseWorkflowId(tenantId, '2026-10'))
      .result()) as { invoices: unknown[] };
    expect(result.invoices).toHaveLength(2);
    expect(invoicesOf(tenantId)).toHaveLength(2);
  });

  it('the Temporal Schedule closes last month on the 1st; triggered now, it closes it now', async () => {
    const period = previousPeriod(new Date());
    const t = await seedBillingTenant(env.db, 'by-schedule', 1);
    const at = new Date(periodRange(period).from.getTime() + 86_400_000).toISOString();
    await addEntries(env.db, t.tenantId, [
      { orderId: t.orderIds[0]!, kind: 'order_fee', amountMinor: 30n, currency: 'USD', at },
    ]);
    await ensureMonthCloseSchedule(temporal, taskQueue);
    await ensureMonthCloseSchedule(temporal, taskQueue); // once, whoever boots
    const schedule = temporal.schedule.getHandle(MONTH_CLOSE_SCHEDULE_ID);
    try {
      const described = await schedule.describe();
      expect(described.spec.calendars?.[0]).toMatchObject({
        dayOfMonth: [{ start: 1, end: 1, step: 1 }],
        hour: [{ start: 2, end: 2, step: 1 }],
      });
      await schedule.trigger();
      const close = () =>
        temporal.workflow
          .getHandle(monthCloseWorkflowId(t.tenantId, period))
          .result()
          .catch(() => undefined);
      const result = (await eventually(close, 60_000)) as {
        invoices: Array<{ totalMinor: string }>;
      };
      expect(result.invoices.map((i) => i.totalMinor)).toEqual(['30']);
    } finally {
      await schedule.delete();
    }
  });

  it('a tenant without entries in the period gets no invoice', async () => {
    const { tenantId } = await seedBillingTenant(env.db, 'empty', 0);
    const result = await runMonthClose(temporal, { tenantId, period: '2026-10' }, taskQueue);
    expect(result.invoices).toEqual([]);
    expect(customersOf(tenantId)).toHaveLength(0);
  });

  it('killed between any two steps and resumed, the close makes no second customer, invoice or item', async () => {
    const tenantId = await tenantWithOctober('killed');
    // Each Stripe write runs at Stripe, then its answer is held while the billing process is
    // killed: the resumed close must find what that write made.
    const killPoints = [
      '^POST /v1/customers$',
      '^POST /v1/invoices$',
      '^POST /v1/invoiceitems$',
      '^POST /v1/invoices/[^/]+/finalize$',
    ];
    const hold = (failMatch: string) =>
      Object.assign(billing.stripe.behaviour, {
        failMode: 'lost_response',
        failCount: 1,
        failMatch,
        hangMs: 600_000,
      });
    hold(killPoints[0]!);
    const handle = await temporal.workflow.start('monthClose', {
      workflowId: monthCloseWorkflowId(tenantId, '2026-10'),
      taskQueue,
      args: [{ version: 1, tenantId, period: '2026-10', stepTimeoutMs: 2000 }],
    });
    for (const [i, point] of killPoints.entries()) {
      const seen = (r: { method: string; path: string; status: number }) =>
        r.status === 500 && new RegExp(point).test(`${r.method} ${r.path}`);
      await eventually(async () => billing.stripe.requests().some(seen), 60_000);
      await billing.kill();
      const next = killPoints[i + 1];
      if (next) hold(next);
      else Object.assign(billing.stripe.behaviour, { failMode: 'none' });
      await billing.start();
    }
    const result = (await handle.result()) as {
      invoices: Array<{ currency: string; status: string; totalMinor: string }>;
    };
    expect(result.invoices.map((i) => [i.currency, i.status, i.totalMinor])).toEqual([
      ['EUR', 'open', '25'],
      ['USD', 'open', '82'],
    ]);
    expect(customersOf(tenantId)).toHaveLength(1);
    const invoices = invoicesOf(tenantId);
    expect(invoices.map((i) => i.currency).sort()).toEqual(['eur', 'usd']);
    const usd = invoices.find((i) => i.currency === 'usd')!;
    expect(itemsOf(usd.id).map((ii) => ii.metadata.line)).toEqual([
      'order_fee',
      'logistics_markup',
      'sla_credit',
    ]);
    expect(itemsOf(invoices.find((i) => i.currency === 'eur')!.id)).toHaveLength(1);
    // The calls whose answers were lost are on record, completed by the lookups that found
    // what they made: no call is left pending.
    const calls = await withTenant(env.db, tenantId, (trx) => listStripeCalls(trx, tenantId));
    expect(calls.filter((c) => c.status !== 'succeeded')).toEqual([]);
  }, 240_000);
});
