import { validateTrackingNumber } from '@switchyard/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USPS_ID } from './carriers.ts';
import type { TikTokShopSim } from './sim.ts';
import { call, onboard, startSeededSim } from './test-support.ts';

let sim: TikTokShopSim;

beforeAll(async () => {
  sim = await startSeededSim();
});
afterAll(() => sim.close());

const parcel = {
  weight: { value: '500', unit: 'GRAM' },
  dimension: { length: '25', width: '20', height: '10', unit: 'CM' },
};

describe('TikTok Shipping labels (reference §5 purchase flow)', () => {
  async function labelOrder(quantity = 1) {
    const ctx = await onboard(sim);
    const o = sim.createOrder(ctx.shop.id, {
      items: [{ skuId: '1729384756102938476', quantity }],
      shippingType: 'TIKTOK',
    });
    sim.advance(3_600_000);
    const q = { shop_cipher: ctx.shop.cipher };
    const post = (path: string, body: unknown) =>
      call(sim, 'POST', path, { token: ctx.token, query: q, body });
    const get = (path: string, query: Record<string, string> = {}) =>
      call(sim, 'GET', path, { token: ctx.token, query: { ...q, ...query } });
    return { ...ctx, o, post, get };
  }

  it('queries services, creates one package, serves its label, ships it', async () => {
    const { o, post, get } = await labelOrder(2);
    const services = await post(
      `/fulfillment/202309/orders/${o.id}/shipping_services/query`,
      parcel,
    );
    expect(services.json.code).toBe(0);
    const list = services.json.data.shipping_services as Array<{ id: string; price: string }>;
    expect(list.length).toBeGreaterThan(1);
    expect(list.every((s) => /^\d+\.\d{2}$/.test(s.price))).toBe(true);

    const created = await post('/fulfillment/202309/packages', {
      order_id: o.id,
      order_line_item_ids: o.lineItems.map((l) => l.id),
      shipping_service_id: list[0]!.id,
      ...parcel,
    });
    expect(created.json.code).toBe(0);
    const packageId = created.json.data.package_id as string;

    const detail = await get(`/fulfillment/202309/packages/${packageId}`);
    expect(detail.json.data).toMatchObject({
      package_status: 'PROCESSING',
      shipping_type: 'TIKTOK',
    });
    const tracking = detail.json.data.tracking_number as string;
    // A number of the carrier TikTok bought the label on, with a valid check digit.
    expect(validateTrackingNumber(tracking, 'TIKTOK_SHIPPING').status).toBe('valid');

    const docs = await get(`/fulfillment/202309/packages/${packageId}/shipping_documents`, {
      document_type: 'SHIPPING_LABEL',
      document_size: 'A6',
    });
    expect(docs.json.data.tracking_number).toBe(tracking);
    const pdf = await fetch(docs.json.data.doc_url as string);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString()).toContain(tracking);

    // Ordered lines are in the package: a second package is refused.
    const again = await post('/fulfillment/202309/packages', {
      order_id: o.id,
      shipping_service_id: list[0]!.id,
      ...parcel,
    });
    expect(again.json.code).toBe(21011071);
    expect(sim.getOrder(o.id)?.status).toBe('AWAITING_SHIPMENT');

    const shipped = await post(`/fulfillment/202309/packages/${packageId}/ship`, {
      handover_method: 'DROP_OFF',
    });
    expect(shipped.json.code).toBe(0);
    expect(sim.getOrder(o.id)?.status).toBe('AWAITING_COLLECTION');
    const twice = await post(`/fulfillment/202309/packages/${packageId}/ship`, {
      handover_method: 'DROP_OFF',
    });
    expect(twice.json.code).toBe(21011074);
    // The link expires after 24 h.
    sim.advance(24 * 3_600_000 + 1000);
    expect((await fetch(docs.json.data.doc_url as string)).status).toBe(404);
  });

  it('validates weight and dimensions, document types and the service id', async () => {
    const { o, post, get } = await labelOrder();
    const path = `/fulfillment/202309/orders/${o.id}/shipping_services/query`;
    for (const bad of [
      { dimension: parcel.dimension },
      { weight: parcel.weight },
      { ...parcel, weight: { value: '-1', unit: 'GRAM' } },
      { ...parcel, weight: { value: 500, unit: 'GRAM' } },
      { ...parcel, weight: { value: '500', unit: 'STONE' } },
      { ...parcel, dimension: { ...parcel.dimension, height: '0' } },
    ]) {
      const r = await post(path, bad);
      expect(r.status).toBe(400);
      expect(r.json.code).toBe(36009004);
    }
    const wrongService = await post('/fulfillment/202309/packages', {
      order_id: o.id,
      shipping_service_id: '1',
      ...parcel,
    });
    expect(wrongService.json.code).toBe(21011072);
    const missing = await get('/fulfillment/202309/packages/1154000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe(21011073);
  });

  it('lists no service on command, and refuses seller shipping on a TikTok Shipping order', async () => {
    const { o, post } = await labelOrder();
    sim.faults.noShippingService = true;
    try {
      const r = await post(`/fulfillment/202309/orders/${o.id}/shipping_services/query`, parcel);
      expect(r.json).toMatchObject({ code: 0, data: { shipping_services: [] } });
    } finally {
      sim.faults.noShippingService = false;
    }
    const marked = await post(`/fulfillment/202309/orders/${o.id}/packages`, {
      tracking_number: '9400111206206406260787',
      shipping_provider_id: USPS_ID,
    });
    expect(marked.json.code).toBe(21008117);
  });

  it("keeps labels to TikTok Shipping orders of the caller's shop", async () => {
    const a = await labelOrder();
    const other = await onboard(sim);
    const seller = sim.createOrder(other.shop.id, { items: [{ skuId: '1729384756102938476' }] });
    sim.advance(3_600_000);
    const sellerOwn = await call(
      sim,
      'POST',
      `/fulfillment/202309/orders/${seller.id}/shipping_services/query`,
      {
        token: other.token,
        query: { shop_cipher: other.shop.cipher },
        body: parcel,
      },
    );
    expect(sellerOwn.json.code).toBe(21011070);
    const foreign = await call(
      sim,
      'POST',
      `/fulfillment/202309/orders/${a.o.id}/shipping_services/query`,
      {
        token: other.token,
        query: { shop_cipher: other.shop.cipher },
        body: parcel,
      },
    );
    expect(foreign.status).toBe(404);
  });
});
