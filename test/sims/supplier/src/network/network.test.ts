import { validateTrackingNumber } from '@switchyard/domain';
import { seededRng } from '@switchyard/domain/testing';
import { sampleDispatchPayload } from '@switchyard/suppliers/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { signedHeaders, waitFor } from '../test-helpers.ts';
import { draw } from './distribution.ts';
import { startFakePartnerApi } from './fake-partner-api.ts';
import { startSupplierNetwork } from './network.ts';
import { planDispatch } from './plan.ts';
import { reliableProfile, type SupplierProfile } from './profile.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

// Delays in simulated ms; the networks below run an hour in a tenth of a second.
const SCALE = 36_000;
const fast = (code: string, over: Partial<SupplierProfile> = {}): SupplierProfile => ({
  ...reliableProfile,
  code,
  ackDelayMs: { fixed: 60_000 },
  shipDelayMs: { fixed: 600_000 },
  ...over,
});

const dispatch = (id: string, order = id, quantity = 1) =>
  sampleDispatchPayload({
    dispatch_id: id,
    order: {
      ...sampleDispatchPayload().order,
      order_number: order,
      lines: [{ sku_code: 'SUP-1', quantity, name: 'Mug' }],
    },
  });

async function network(profiles: SupplierProfile[], seed = 7) {
  const keys = Object.fromEntries(profiles.map((p) => [p.code, `sy_pk_${p.code}`]));
  const api = await startFakePartnerApi(keys);
  cleanup.push(api.close);
  const net = await startSupplierNetwork({ suppliers: profiles, seed, timeScale: SCALE });
  cleanup.push(net.close);
  for (const s of net.suppliers) s.connect(api.url, keys[s.code]!);
  return { api, net };
}

async function push(url: string, secret: string, body: unknown, webhookId: string) {
  const raw = JSON.stringify(body);
  return fetch(url, { method: 'POST', body: raw, headers: signedHeaders(secret, webhookId, raw) });
}

describe('supplier network: behaviour drawn from distributions (issue 10 item 9)', () => {
  it('draws the same plan for the same seed and order, and keeps to its rates', () => {
    const p = fast('a', { silenceRate: 0.2, rejectRate: 0.1, badTrackingRate: 0.3 });
    expect(planDispatch(p, seededRng(42))).toEqual(planDispatch(p, seededRng(42)));
    const rng = seededRng(1);
    const plans = Array.from({ length: 4000 }, () => planDispatch(p, rng));
    const share = (f: (x: (typeof plans)[number]) => boolean) => plans.filter(f).length / 4000;
    expect(share((x) => x.kind === 'silent')).toBeCloseTo(0.2, 1);
    // Rejections are drawn among the orders it did not ignore: 0.8 × 0.1.
    expect(share((x) => x.kind === 'reject')).toBeCloseTo(0.08, 1);
    expect(share((x) => x.kind === 'ship' && x.badTracking)).toBeCloseTo(0.72 * 0.3, 1);
  });

  it('draws delays within their distribution; an exponential is capped', () => {
    const rng = seededRng(3);
    for (let i = 0; i < 500; i++) {
      const u = draw({ uniform: [10, 20] }, rng);
      expect(u).toBeGreaterThanOrEqual(10);
      expect(u).toBeLessThanOrEqual(20);
      expect(draw({ exponential: 5, max: 12 }, rng)).toBeLessThanOrEqual(12);
    }
    expect(draw({ fixed: 9 }, rng)).toBe(9);
  });

  it('a push supplier verifies our signature, dedupes, acks and ships a labelled number', async () => {
    const { api, net } = await network([fast('push-a')]);
    const s = net.get('push-a');
    const forged = await push(s.endpointUrl, `whsec_${'A'.repeat(43)}=`, dispatch('d1'), 'w1');
    expect(forged.status).toBe(401);
    expect((await push(s.endpointUrl, s.signingSecret, dispatch('d1'), 'w1')).status).toBe(202);
    expect((await push(s.endpointUrl, s.signingSecret, dispatch('d1'), 'w2')).status).toBe(200);
    await waitFor(() => s.stats().shipped === 1);
    expect(api.posts.map((p) => [p.path, p.key, p.status])).toEqual([
      ['/dispatches/d1/ack', 'push-a', 200],
      ['/dispatches/d1/shipment', 'push-a', 200],
    ]);
    const ship = api.posts[1]!.body;
    expect(validateTrackingNumber(String(ship.tracking_number), 'USPS').status).toBe('valid');
    expect(s.stats()).toMatchObject({ received: 1, acknowledged: 1, shipped: 1 });
  });

  it('a pull supplier polls with its own key, takes each dispatch once and answers', async () => {
    const { api, net } = await network([
      fast('pull-b', { connector: 'pull', pollEveryMs: 60_000 }),
    ]);
    api.offer('pull-b', dispatch('d2'));
    api.offer('other', dispatch('d3'));
    await waitFor(() => net.get('pull-b').stats().shipped === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.posts.map((p) => p.path)).toEqual(['/dispatches/d2/ack', '/dispatches/d2/shipment']);
    expect(net.get('pull-b').stats()).toMatchObject({ received: 1, shipped: 1 });
  });

  it('runs out of stock: refuses the order it cannot fill and feeds zero stock once', async () => {
    const { api, net } = await network([fast('short-c', { stockUnits: 3 })]);
    const s = net.get('short-c');
    await push(s.endpointUrl, s.signingSecret, dispatch('d4', 'o4', 2), 'w4');
    await waitFor(() => api.posts.some((p) => p.path.endsWith('d4/shipment')));
    await push(s.endpointUrl, s.signingSecret, dispatch('d5', 'o5', 2), 'w5');
    await push(s.endpointUrl, s.signingSecret, dispatch('d6', 'o6', 1), 'w6');
    await waitFor(() => s.stats().shipped === 2 && s.stats().outOfStock === 1);
    await s.desk.idle();
    const refusal = api.posts.find((p) => p.path === '/dispatches/d5/reject');
    expect(refusal?.body).toEqual({ reason: 'out_of_stock' });
    expect(api.posts.filter((p) => p.path === '/catalog/stock')).toEqual([
      expect.objectContaining({ body: { items: [{ sku_code: 'SUP-1', stock: 0 }] } }),
    ]);
    expect(s.stats()).toMatchObject({ received: 3, outOfStock: 1, shipped: 2 });
    expect(s.desk.unitsLeft()).toBe(0);
  });

  it('a mistyped number is refused (422), then the right one follows', async () => {
    const { api, net } = await network([fast('typo-d', { badTrackingRate: 1 })]);
    const s = net.get('typo-d');
    await push(s.endpointUrl, s.signingSecret, dispatch('d7'), 'w7');
    await waitFor(() => api.posts.filter((p) => p.path.endsWith('/shipment')).length === 2);
    expect(api.posts.filter((p) => p.path.endsWith('/shipment')).map((p) => p.status)).toEqual([
      422, 200,
    ]);
  });

  it('stops on a dispatch withdrawn before its acknowledgement', async () => {
    const { api, net } = await network([fast('slow-e', { ackDelayMs: { fixed: 3_600_000 } })]);
    const s = net.get('slow-e');
    await push(s.endpointUrl, s.signingSecret, dispatch('d8'), 'w8');
    api.withdraw('d8');
    await waitFor(() => s.stats().ackRefused === 1);
    await s.desk.idle();
    expect(api.posts.map((p) => [p.path, p.status])).toEqual([['/dispatches/d8/ack', 409]]);
  });

  it('two networks of the same seed decide every order alike; another seed differs', async () => {
    const profile = fast('mixed-f', { silenceRate: 0.3, rejectRate: 0.3 });
    const kinds = async (seed: number) => {
      const { net } = await network([{ ...profile, ackDelayMs: { fixed: 1e9 } }], seed);
      const s = net.get('mixed-f');
      for (let i = 0; i < 40; i++)
        await push(s.endpointUrl, s.signingSecret, dispatch(`x${seed}-${i}`, `o${i}`), `w${i}`);
      return [...s.desk.plans().values()].map((p) => p.kind).join();
    };
    const first = await kinds(11);
    expect(await kinds(11)).toBe(first);
    expect(await kinds(12)).not.toBe(first);
  });
});
