import type { AppRouter } from '@switchyard/api';
import { validateTrackingNumber } from '@switchyard/domain';
import { generateTrackingNumber, seededRng } from '@switchyard/domain/testing';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

// R-TRK-1, R-PEN-1: a supplier's made-up tracking number (right shape, wrong check digit) is
// caught by the platform before it reaches the marketplace, so the shop collects no strike;
// the order still completes once the supplier sends a real number.

const trpc = (p: Platform, token: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({ url: `${p.apiUrl}/trpc`, headers: { authorization: `Bearer ${token}` } }),
    ],
  });

/** A valid USPS IMpb number (22 digits, check digit verified), the form labels carry. */
function validUspsNumber() {
  // Seeded, so the "real" number is the same every run.
  const rng = seededRng(20261128);
  for (;;) {
    const n = generateTrackingNumber('USPS', rng, { format: 'USPS_IMPB' });
    if (/^9[2-5]\d{20}$/.test(n)) return n;
  }
}

let p: Platform;
let partnerKey: string;

beforeAll(async () => {
  p = await startPlatform({ supplierBehaviour: { mode: 'bad_tracking', carrier: 'USPS' } });
  partnerKey = p.partnerKey;
});
afterAll(async () => {
  await p?.close();
});

describe('tracking guard (R-TRK-1, R-PEN-1)', () => {
  it('refuses a number with a wrong check digit before the marketplace sees it; a real one completes the order', async () => {
    const t = p.tenants[0]!;
    const client = trpc(p, t.apiToken);
    const sim = p.tts.createOrder(t.simShopId);

    // The supplier ships with a made-up number; the platform records the refusal.
    const shipped = await eventually(async () => p.supplier.shipped()[0]);
    expect(p.supplier.received().map((r) => [r.dispatchId, r.orderNumber])).toEqual([
      [shipped.dispatchId, sim.id],
    ]);
    const bad = shipped.trackingNumber;
    expect(validateTrackingNumber(bad, 'USPS').status).toBe('invalid_check_digit');
    const id = await eventually(async () =>
      (await client.orders.list.query({})).items.find((o) => o.orderNumber === sim.id),
    ).then((o) => o.id);
    const refused = await eventually(async () => {
      const o = await client.orders.get.query({ id });
      return o.timeline.find(
        (e) => e.kind === 'tracking_rejected' || e.kind === 'tracking_refused',
      );
    });
    // Either layer may catch it: the partner API while the supplier is on the line
    // (`tracking_refused`) or the workflow before the push (`tracking_rejected`). Both must name
    // the number and the check-digit failure.
    expect(refused.detail.trackingNumber).toBe(bad);
    if (refused.kind === 'tracking_rejected')
      expect(refused.detail.code).toBe('TRACKING_INVALID_CHECK_DIGIT');
    else expect(refused.detail.verdict).toBe('invalid_check_digit');

    // Give a wrong push time to happen, then: nothing at the marketplace, no strike anywhere.
    await new Promise((r) => setTimeout(r, 1500));
    expect(p.tts.packages(sim.id)).toEqual([]);
    expect(p.tts.shopPenalty(t.simShopId)).toEqual({ consecutive: 0, total: 0, frozenUntilMs: 0 });
    const held = await client.orders.get.query({ id });
    expect(held.status).toBe('acknowledged');
    expect(held.trackingNumber).toBeNull();
    expect(held.timeline.map((e) => e.kind)).not.toContain('tracking_pushed');
    expect((await client.shops.list.query()).items).toEqual([
      expect.objectContaining({ platformShopId: t.simShopId, consecutiveStrikes: 0 }),
    ]);
    expect((await client.notifications.list.query({})).items).toEqual([]);
    const calls = await p.admin
      .selectFrom('api_calls')
      .select('endpoint')
      .where('order_id', '=', id)
      .execute();
    expect(calls.filter((c) => c.endpoint.includes('/packages'))).toEqual([]);

    // The sim ships once per dispatch: send the corrected shipment as the supplier would.
    const good = validUspsNumber();
    expect(validateTrackingNumber(good, 'USPS').status).toBe('valid');
    await p.createLabel('USPS', good); // printed, so the carrier knows it (R-TRK-2)
    const res = await fetch(`${p.apiUrl}/partner/v1/dispatches/${shipped.dispatchId}/shipment`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partnerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tracking_number: good, carrier: 'USPS' }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'received' });
    expect(await p.orderResult(t.tenantId, t.shopId, sim.id)).toEqual({ status: 'completed' });

    const pkgs = p.tts.packages(sim.id);
    expect(pkgs).toHaveLength(1);
    expect(pkgs[0]!.trackingNumber).toBe(good);
    expect(p.tts.shopPenalty(t.simShopId)).toEqual({ consecutive: 0, total: 0, frozenUntilMs: 0 });
    const done = await client.orders.get.query({ id });
    expect(done).toMatchObject({ status: 'completed', trackingNumber: good, carrier: 'USPS' });
    expect(done.timeline.filter((e) => e.kind === 'tracking_pushed')).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({ trackingNumber: good, checkDigitVerified: true }),
      }),
    ]);
    const ledger = await p.admin
      .selectFrom('ledger_entries')
      .select(['kind', 'amount_minor'])
      .where('order_id', '=', id)
      .orderBy('id')
      .execute();
    expect(ledger.map((l) => [l.kind, l.amount_minor])).toEqual([
      ['logistics_markup', '60'],
      ['order_fee', '30'],
    ]);
  });
});
