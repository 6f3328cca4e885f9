import { readFile } from 'node:fs/promises';
import type { AppRouter } from '@switchyard/api';
import { orderWorkflowId } from '@switchyard/domain';
import { Worker } from '@temporalio/worker';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { expect, inject } from 'vitest';
import { eventually, type Platform } from './platform.ts';

export const trpc = (p: Platform, token: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({ url: `${p.apiUrl}/trpc`, headers: { authorization: `Bearer ${token}` } }),
    ],
  });

/**
 * The walking skeleton's path, on a fresh platform with two tenants: one order from the
 * marketplace's webhook through the workflow, the supplier, the push-back and the ledger,
 * checked at every layer. Whatever Temporal server the platform runs on.
 */
export async function walkOneOrder(p: Platform, label = 'skeleton'): Promise<void> {
  const t = p.tenants[0]!;
  const started = Date.now();
  const simOrder = p.tts.createOrder(t.simShopId);
  const wfId = orderWorkflowId(t.tenantId, t.shopId, simOrder.id);
  const result = await eventually(
    () =>
      p.temporal.workflow
        .getHandle(wfId)
        .result()
        .catch(() => undefined),
    60_000,
    250,
  );
  const elapsed = Date.now() - started;
  expect(result).toEqual({ status: 'completed' });

  // The marketplace got exactly one package with the supplier's tracking number.
  const pkgs = p.tts.packages(simOrder.id);
  expect(pkgs).toHaveLength(1);
  const shipped = p.supplier.shipped();
  expect(shipped).toHaveLength(1);
  expect(pkgs[0]!.trackingNumber).toBe(shipped[0]!.trackingNumber);
  expect(p.tts.getOrder(simOrder.id)!.status).toBe('AWAITING_COLLECTION');

  // The tenant sees the order, its status and its timeline.
  const page = await trpc(p, t.apiToken).orders.list.query({});
  expect(page.items).toHaveLength(1);
  const o = page.items[0]!;
  expect(o).toMatchObject({
    orderNumber: simOrder.id,
    status: 'completed',
    trackingNumber: shipped[0]!.trackingNumber,
  });
  // Address cleaning (R-CHK-4) adds a step only when the address needed it.
  expect(o.timeline.map((e) => e.kind).filter((k) => k !== 'address_cleaned')).toEqual([
    'received',
    'routed',
    'dispatched',
    'acknowledged',
    'tracking_pushed',
    'charged',
    'completed',
  ]);

  // R-DIAG-1: the three levels of tracing for this order, from the tenant's API.
  const diag = await trpc(p, t.apiToken).orders.diagnose.query({ id: o.id });
  expect(diag.marketplace.map((n) => n.orderStatus)).toContain('AWAITING_SHIPMENT');
  expect(diag.calls.map((c) => c.endpoint)).toEqual(
    expect.arrayContaining([
      'GET /order/202309/orders',
      'POST dispatch',
      'POST /fulfillment/202309/orders/{order_id}/packages',
    ]),
  );
  expect(diag.dispatches).toEqual([
    expect.objectContaining({
      supplier: 'Factory A',
      status: 'shipped',
      attempt: 0,
      trackingNumber: shipped[0]!.trackingNumber,
    }),
  ]);
  expect(diag.dispatches[0]!.acknowledgedAt).not.toBeNull();
  // R-RT-1: the routing decision with its explanation (landed cost: item 350 + parcel 600).
  expect(diag.routing).toEqual([
    expect.objectContaining({
      decision: 'single',
      chosen: 'factory-a',
      ranked: [expect.objectContaining({ code: 'factory-a', late: false, pinned: false })],
    }),
  ]);
  const { supplier_lines } = await p.admin
    .selectFrom('orders')
    .select('supplier_lines')
    .where('id', '=', o.id)
    .executeTakeFirstOrThrow();
  const units = supplier_lines.reduce((n, l) => n + l.quantity, 0);
  expect(diag.routing[0]!.ranked![0]!.landedCostMinor).toBe(350 * units + 600);
  await expect(trpc(p, p.tenants[1]!.apiToken).orders.diagnose.query({ id: o.id })).rejects.toThrow(
    /not found/,
  );

  // The shipment's markup (10% of the $6.00 parcel) and one fee in the ledger (R-BIL-1), and
  // every marketplace call logged (R-DIAG-1).
  const ledger = await p.admin.selectFrom('ledger_entries').selectAll().orderBy('id').execute();
  expect(ledger.map((l) => [l.kind, l.amount_minor, l.currency])).toEqual([
    ['logistics_markup', '60', 'USD'],
    ['order_fee', '30', 'USD'],
  ]);
  const calls = await p.admin
    .selectFrom('api_calls')
    .select(['target', 'endpoint', 'http_status'])
    .execute();
  expect(
    calls.some(
      (c) =>
        c.endpoint.includes('/fulfillment/202309/orders/{order_id}/packages') &&
        c.http_status === 200,
    ),
  ).toBe(true);
  expect(calls.some((c) => c.target === 'supplier:factory-a' && c.http_status === 202)).toBe(true);
  console.log(`[${label}] one order end to end in ${elapsed} ms`);

  // The recorded history replays deterministically against today's workflow code.
  const history = await p.temporal.workflow.getHandle(wfId).fetchHistory();
  await Worker.runReplayHistory(
    { workflowBundle: { code: await readFile(inject('workflowBundlePath'), 'utf8') } },
    history,
    wfId,
  );
  // Buyer PII never enters workflow history (R-ONB-3): activities read it from the database.
  const payloads: string[] = [];
  const collect = (v: unknown): void => {
    if (v instanceof Uint8Array) payloads.push(Buffer.from(v).toString('utf8'));
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(history);
  const buyer = simOrder.recipientAddress;
  for (const pii of [
    String(buyer.name),
    String(buyer.address_line1),
    String(buyer.phone_number).replace(/\D/g, ''),
  ])
    expect(payloads.join('\n')).not.toContain(pii);
  expect(payloads.join('\n')).toContain(simOrder.id);
}
