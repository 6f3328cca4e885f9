import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

/**
 * R-SLA-2, R-SLA-4: what the order workflow's clocks trigger (timing itself is covered on the
 * time-skipping server) tells the tenant, once per dispatch, without buyer data.
 */
describe('SLA escalation to the tenant', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ supplierBehaviour: { mode: 'silent' } });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('a reminder and a silent supplier each notify the tenant once', async () => {
    const t = p.tenants[0]!;
    const sim = p.tts.createOrder(t.simShopId);
    const d = await eventually(() =>
      p.admin.selectFrom('dispatches').select(['id', 'order_id']).executeTakeFirst(),
    );
    const scope = { tenantId: t.tenantId, orderId: d.order_id, dispatchId: d.id };
    // The workflow calls these when its timers fire; a retried activity must not notify twice.
    await p.activities.remindSupplier(scope);
    await p.activities.remindSupplier(scope);
    await p.activities.withdrawDispatch({ ...scope, reason: 'ack_timeout' });
    const notes = await p.admin
      .selectFrom('notifications')
      .select(['tenant_id', 'kind', 'message'])
      .orderBy('id')
      .execute();
    expect(notes.map((n) => [n.tenant_id, n.kind])).toEqual([
      [t.tenantId, 'shipment_overdue'],
      [t.tenantId, 'supplier_no_ack'],
    ]);
    expect(notes[0]!.message).toContain(sim.id);
    const buyer = sim.recipientAddress as { name?: string };
    expect(JSON.stringify(notes)).not.toContain(buyer.name ?? '\u0000');
  });
});
