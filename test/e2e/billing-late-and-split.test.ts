import { randomUUID } from 'node:crypto';
import { listCarryovers, listStripeCalls, withTenant } from '@switchyard/db';
import { monthCloseWorkflowId, runMonthClose } from '@switchyard/workflows';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addEntries, seedBillingTenant, startBillingService } from '../harness/billing.ts';
import { freshDatabase } from '../harness/database.ts';
import { eventually } from '../harness/platform.ts';

// Issue 11: a ledger change dated in a period whose invoice is finalized is billed on the next
// close as a line naming its period, once; a line over Stripe's per-item limit is split into
// parts summing exactly to it, and a close killed in the middle of the split resumes without
// a duplicate part.

type Env = Awaited<ReturnType<typeof freshDatabase>>;
let env: Env;
let billing: Awaited<ReturnType<typeof startBillingService>>;
let connection: Connection;
let temporal: Client;
const taskQueue = `billing-late-${randomUUID()}`;

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

const close = (tenantId: string, period: string) =>
  runMonthClose(temporal, { tenantId, period }, taskQueue);
const posts = () => billing.stripe.requests().filter((r) => r.method === 'POST').length;
const itemsOf = (invoiceId: string) =>
  [...billing.stripe.store.invoiceItems.values()]
    .filter((ii) => ii.invoice === invoiceId)
    .map((ii) => [ii.metadata.line, ii.amount, ii.description]);

describe('a ledger change after a finalized close', () => {
  it('is billed on the next invoice as a line naming its period, never twice', async () => {
    const t = await seedBillingTenant(env.db, 'late', 3);
    const [a, b, c] = t.orderIds as [string, string, string];
    const fee = (orderId: string, at: string) => ({
      orderId,
      kind: 'order_fee' as const,
      amountMinor: 30n,
      currency: 'USD',
      at,
    });
    await addEntries(env.db, t.tenantId, [
      fee(a, '2026-09-10T00:00:00Z'),
      fee(b, '2026-09-11T00:00:00Z'),
    ]);
    const sept = await close(t.tenantId, '2026-09');
    expect(sept.invoices.map((i) => [i.status, i.totalMinor])).toEqual([['open', '60']]);

    // After September's invoice is final: an operator's adjustment and a credit dated in it,
    // and October's own order.
    await addEntries(env.db, t.tenantId, [
      {
        orderId: a,
        kind: 'adjustment',
        amountMinor: 15n,
        currency: 'USD',
        at: '2026-09-20T00:00:00Z',
      },
      {
        orderId: b,
        kind: 'sla_credit',
        amountMinor: -5n,
        currency: 'USD',
        at: '2026-09-25T00:00:00Z',
      },
      fee(c, '2026-10-05T00:00:00Z'),
    ]);
    // September closed again (an operator's re-run): its invoice is final and stays as it was;
    // no Stripe write, no error.
    const before = posts();
    const septAgain = await close(t.tenantId, '2026-09');
    expect(septAgain.invoices.map((i) => [i.invoiceId, i.totalMinor])).toEqual(
      sept.invoices.map((i) => [i.invoiceId, '60']),
    );
    expect(posts()).toBe(before);

    const oct = await close(t.tenantId, '2026-10');
    expect(oct.invoices.map((i) => [i.status, i.totalMinor])).toEqual([['open', '40']]);
    const octItems = itemsOf(oct.invoices[0]!.invoiceId);
    expect(octItems.map(([line, amount]) => [line, amount])).toEqual([
      ['order_fee', 30],
      ['late:2026-09', 10],
    ]);
    expect(octItems[1]![2]).toBe(
      'Changes to 2026-09 after its invoice (late charges, credits, adjustments)',
    );
    const carried = await withTenant(env.db, t.tenantId, (trx) => listCarryovers(trx, t.tenantId));
    expect(carried).toEqual([
      { currency: 'USD', period: '2026-10', forPeriod: '2026-09', amountMinor: 10n },
    ]);
    // October closed again: the carried line is found, nothing is billed twice.
    const octPosts = posts();
    const octAgain = await close(t.tenantId, '2026-10');
    expect(octAgain.invoices.map((i) => [i.invoiceId, i.totalMinor])).toEqual(
      oct.invoices.map((i) => [i.invoiceId, '40']),
    );
    expect(posts()).toBe(octPosts);

    // A later change to September goes on November, only itself (October carried the rest).
    await addEntries(env.db, t.tenantId, [
      {
        orderId: c,
        kind: 'adjustment',
        amountMinor: 3n,
        currency: 'USD',
        at: '2026-09-30T00:00:00Z',
      },
      {
        orderId: c,
        kind: 'adjustment',
        amountMinor: -2n,
        currency: 'USD',
        at: '2026-10-30T00:00:00Z',
      },
    ]);
    const nov = await close(t.tenantId, '2026-11');
    expect(nov.invoices.map((i) => i.totalMinor)).toEqual(['1']);
    expect(itemsOf(nov.invoices[0]!.invoiceId).map(([line, amount]) => [line, amount])).toEqual([
      ['late:2026-09', 3],
      ['late:2026-10', -2],
    ]);
  }, 180_000);
});

describe("Stripe's per-item limit", () => {
  it('splits a line over 99,999,999 into parts summing exactly; killed mid-split, no part twice', async () => {
    const t = await seedBillingTenant(env.db, 'big', 3);
    await addEntries(
      env.db,
      t.tenantId,
      t.orderIds.map((orderId) => ({
        orderId,
        kind: 'order_fee' as const,
        amountMinor: 90_000_000n,
        currency: 'JPY',
        at: '2026-10-10T00:00:00Z',
      })),
    );
    // The first part's answer is lost and the billing process killed; then the second's.
    const hold = () =>
      Object.assign(billing.stripe.behaviour, {
        failMode: 'lost_response',
        failCount: 1,
        failMatch: '^POST /v1/invoiceitems$',
        hangMs: 600_000,
      });
    hold();
    const handle = await temporal.workflow.start('monthClose', {
      workflowId: monthCloseWorkflowId(t.tenantId, '2026-10'),
      taskQueue,
      args: [{ version: 1, tenantId: t.tenantId, period: '2026-10', stepTimeoutMs: 2000 }],
    });
    for (const last of [false, true]) {
      const lost = billing.stripe
        .requests()
        .filter((r) => r.status === 500 && r.path === '/v1/invoiceitems').length;
      await eventually(
        async () =>
          billing.stripe.requests().filter((r) => r.status === 500 && r.path === '/v1/invoiceitems')
            .length > lost,
        60_000,
      );
      await billing.kill();
      if (last) Object.assign(billing.stripe.behaviour, { failMode: 'none' });
      else hold();
      await billing.start();
    }
    const result = (await handle.result()) as {
      invoices: Array<{ invoiceId: string; status: string; totalMinor: string }>;
    };
    expect(result.invoices.map((i) => [i.status, i.totalMinor])).toEqual([['open', '270000000']]);
    const items = itemsOf(result.invoices[0]!.invoiceId);
    expect(items.map(([line, amount]) => [line, amount])).toEqual([
      ['order_fee/1-of-3', 99_999_999],
      ['order_fee/2-of-3', 99_999_999],
      ['order_fee/3-of-3', 70_000_002],
    ]);
    const calls = await withTenant(env.db, t.tenantId, (trx) => listStripeCalls(trx, t.tenantId));
    expect(calls.filter((c) => c.operation === 'invoiceItems.create')).toHaveLength(3);
    expect(calls.filter((c) => c.status !== 'succeeded')).toEqual([]);
  }, 240_000);
});
