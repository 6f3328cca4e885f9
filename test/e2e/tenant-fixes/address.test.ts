import { describe, expect, it } from 'vitest';
import {
  heldOrder,
  ledgerOf,
  orderIdOf,
  refusal,
  useTenantFixPlatform,
  withoutCleaning,
} from './helpers.ts';

// R-CHK-2: a PO Box holds the order; the tenant's corrected address re-runs the checks and
// releases the hold. Over real HTTP, Postgres and Temporal.

const suite = useTenantFixPlatform();

describe('tenant fixes release held orders', () => {
  it('a PO Box holds the order; the tenant corrects the address and the supplier gets it', async () => {
    const { p, proxy, a } = suite;
    const t = p.tenants[0]!;
    const sim = p.tts.createOrder(t.simShopId, { badAddress: 'PO_BOX' });
    const id = await orderIdOf(a, sim.id);
    const held = await heldOrder(a, id);
    expect(held.holds.map((h) => [h.code, h.rule])).toEqual([['PO_BOX', 'R-CHK-2']]);
    const poBox = held.recipient!.addressLines[0]!;
    expect(poBox).toMatch(/^PO Box \d+$/);
    expect(held.addressCorrected).toBe(false);
    expect(proxy.sentFor(sim.id)).toEqual([]);

    // Shape is validated at the edge: nothing is stored, nothing is signalled.
    const good = {
      name: held.recipient!.name,
      phone: held.recipient!.phone,
      addressLines: ['350 Fifth Avenue'],
      city: 'New York',
      region: 'NY',
      postalCode: '10118',
      country: 'us',
    };
    for (const bad of [
      { ...good, addressLines: [] },
      { ...good, addressLines: ['x'.repeat(121)] },
      { ...good, addressLines: ['a', 'b', 'c', 'd'] },
      { ...good, country: 'USA' },
      { ...good, name: '  ' },
    ]) {
      expect(await refusal(a.orders.updateAddress.mutate({ id, address: bad }))).toMatchObject({
        code: 'BAD_REQUEST',
        httpStatus: 400,
      });
    }
    const untouched = await p.admin
      .selectFrom('orders')
      .select(['recipient_override_enc', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ recipient_override_enc: null, status: 'on_hold' });

    expect(await a.orders.updateAddress.mutate({ id, address: good })).toEqual({
      status: 'rechecking',
    });
    expect(await p.orderResult(t.tenantId, t.shopId, sim.id)).toEqual({ status: 'completed' });

    // The supplier received the corrected address, once, and no trace of the PO Box.
    const sent = proxy.sentFor(sim.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.order.recipient).toEqual({
      name: good.name,
      phone: good.phone,
      address_lines: ['350 Fifth Avenue'],
      city: 'New York',
      region: 'NY',
      postal_code: '10118',
      country: 'US',
    });
    expect(JSON.stringify(sent[0])).not.toContain(poBox);

    const done = await a.orders.get.query({ id });
    expect(done).toMatchObject({ status: 'completed', holds: [], addressCorrected: true });
    expect(done.recipient?.addressLines).toEqual(['350 Fifth Avenue']);
    expect(withoutCleaning(done.timeline.map((e) => e.kind))).toEqual([
      'received',
      'held',
      'address_corrected',
      'hold_released',
      'routed',
      'dispatched',
      'acknowledged',
      'tracking_pushed',
      'charged',
      'completed',
    ]);
    // The timeline says that the address was corrected, never what it is (R-ONB-3).
    expect(done.timeline.find((e) => e.kind === 'address_corrected')!.detail).toEqual({
      by: 'tenant',
    });
    const timeline = JSON.stringify(done.timeline);
    for (const pii of ['Fifth', good.name, good.phone, '10118'])
      expect(timeline).not.toContain(pii);
    // Nor does the list output carry the address.
    const listed = JSON.stringify((await a.orders.list.query({ limit: 100 })).items);
    for (const pii of ['Fifth', good.name, poBox]) expect(listed).not.toContain(pii);
    expect(p.tts.packages(sim.id)).toHaveLength(1);
    expect(await ledgerOf(p, id)).toEqual([
      ['logistics_markup', '60', 'USD'],
      ['order_fee', '30', 'USD'],
    ]);

    // A completed order is no longer held: a late correction or re-check is refused.
    const late = await refusal(a.orders.updateAddress.mutate({ id, address: good }));
    expect(late).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(late.message).toContain('completed');
    expect(await refusal(a.orders.recheck.mutate({ id }))).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
    });
  });
});
