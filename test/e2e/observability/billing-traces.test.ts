import { randomUUID } from 'node:crypto';
import { monthCloseWorkflowId, runMonthClose } from '@switchyard/workflows';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  addEntries,
  STRIPE_KEY,
  seedBillingTenant,
  startBillingService,
  WEBHOOK_SECRET,
} from '../../harness/billing.ts';
import { freshDatabase } from '../../harness/database.ts';
import { eventually } from '../../harness/platform.ts';
import { type ReceivedSpan, startOtlpReceiver } from './otlp-receiver.ts';

// The billing service as its own process, exporting to an OTLP receiver: the month close's
// activities and the Stripe calls they make, with the tenant and the close, nothing else.
describe('traces of the billing service: month close steps and their Stripe calls', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let billing: Awaited<ReturnType<typeof startBillingService>>;
  let connection: Connection;
  const taskQueue = `billing-${randomUUID()}`;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    db = await freshDatabase();
    billing = await startBillingService({
      appUrl: db.appUrl,
      taskQueue,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
    });
    connection = await Connection.connect({ address: inject('temporalAddress') });
  });
  afterAll(async () => {
    await billing?.close();
    await connection?.close();
    await db?.close();
    await receiver?.close();
  });

  it('each step names its tenant and close; each Stripe call is a child of its step', async () => {
    const name = `Traced Seller ${randomUUID().slice(0, 8)}`;
    const t = await seedBillingTenant(db.db, name, 2);
    const [a, b] = t.orderIds as [string, string];
    const at = '2026-10-15T12:00:00Z';
    await addEntries(db.db, t.tenantId, [
      { orderId: a, kind: 'order_fee', amountMinor: 30n, currency: 'USD', at },
      { orderId: b, kind: 'order_fee', amountMinor: 30n, currency: 'USD', at },
    ]);
    const temporal = new Client({ connection });
    await runMonthClose(temporal, { tenantId: t.tenantId, period: '2026-10' }, taskQueue);
    const closeId = monthCloseWorkflowId(t.tenantId, '2026-10');

    const ofClose = (s: ReceivedSpan) =>
      s.service === 'billing' && s.attributes['switchyard.close_id'] === closeId;
    const steps = await eventually(
      async () => {
        const found = receiver.spans.filter((s) => ofClose(s) && s.name.startsWith('RunActivity:'));
        return found.some((s) => s.name === 'RunActivity:finalizeCloseInvoice') ? found : undefined;
      },
      60_000,
      500,
    );
    expect(steps.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'RunActivity:ensureBillingCustomer',
        'RunActivity:openCloseInvoice',
        'RunActivity:addCloseInvoiceLine',
        'RunActivity:finalizeCloseInvoice',
      ]),
    );
    for (const s of steps) {
      expect(s.attributes['switchyard.tenant_id'], s.name).toBe(t.tenantId);
      expect(s.attributes.temporalWorkflowId, s.name).toBe(closeId);
    }
    expect(
      steps.find((s) => s.name === 'RunActivity:openCloseInvoice')!.attributes[
        'switchyard.currency'
      ],
    ).toBe('USD');

    // The Stripe calls, under the step that made them.
    const stepIds = new Set(steps.map((s) => s.spanId));
    const stripeCalls = await eventually(
      async () => {
        const calls = receiver.spans.filter(
          (s) => s.name.startsWith('stripe ') && stepIds.has(s.parentSpanId),
        );
        return calls.some((c) => /\/v1\/invoices\/[^/]+\/finalize$/.test(c.name))
          ? calls
          : undefined;
      },
      30_000,
      500,
    );
    const names = stripeCalls.map((c) => c.name);
    expect(names).toContain('stripe POST /v1/customers');
    expect(names).toContain('stripe POST /v1/invoices');
    expect(names).toContain('stripe POST /v1/invoiceitems');
    for (const c of stripeCalls) {
      expect(c.attributes['http.response.status_code'], c.name).toMatch(/^2\d\d$/);
      expect(c.attributes['url.path'], c.name).not.toContain('?');
    }

    // Nothing of the customer, the cards or the keys: the whole export, names and values.
    const all = receiver.spans.flatMap((s) => [s.name, ...Object.values(s.attributes)]);
    for (const secret of [name, STRIPE_KEY, WEBHOOK_SECRET, '4242424242'])
      expect(
        all.filter((v) => v.includes(secret)),
        secret,
      ).toEqual([]);
  });
});
