import { validateTrackingNumber } from '@switchyard/domain';
import { afterEach, describe, expect, it } from 'vitest';
import type { SupplierBehaviour } from './behaviour.ts';
import { type SupplierSim, startSupplierSim } from './sim.ts';
import {
  delay,
  newSecret,
  sampleDispatch,
  signedHeaders,
  startFakePartnerApi,
  waitFor,
} from './test-helpers.ts';

const secret = newSecret();
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function setup(
  behaviour: Partial<SupplierBehaviour>,
  failFirst = 0,
  failWith?: { status: 409 | 503; retryAfter?: string },
) {
  const partner = await startFakePartnerApi({ failFirst, ...(failWith && { failWith }) });
  cleanup.push(partner.close);
  const sim = await startSupplierSim({
    signingSecret: secret,
    partnerApiUrl: partner.url,
    partnerKey: 'pk_live_abc',
    behaviour: { ackDelayMs: 10, shipDelayMs: 40, ...behaviour },
  });
  cleanup.push(sim.close);
  return { partner, sim };
}

async function dispatch(sim: SupplierSim, id: string) {
  const body = JSON.stringify(sampleDispatch(id));
  const res = await fetch(`${sim.url}/dispatches`, {
    method: 'POST',
    body,
    headers: signedHeaders(secret, id, body),
  });
  expect(res.status).toBe(202);
}

describe('fulfilment callbacks to the partner API', () => {
  it('normal: acks, then reports a valid tracking number, with bearer and idempotency keys', async () => {
    const { partner, sim } = await setup({ mode: 'normal', carrier: 'UPS' });
    const before = Date.now();
    await dispatch(sim, 'd_1');
    // The sim logs a call once the answer is back, i.e. after the partner API recorded it.
    await waitFor(() => sim.callLog().length === 2);

    const [ack, ship] = partner.calls;
    expect(ack?.path).toBe('/partner/v1/dispatches/d_1/ack');
    expect(ack?.headers).toMatchObject({
      authorization: 'Bearer pk_live_abc',
      'idempotency-key': 'd_1:ack',
      'content-type': 'application/json',
    });
    const ackBody = ack?.body as { expected_ship_at: string; channel: string };
    expect(ackBody.channel).toBe('UPS');
    // Promised ship time = receipt + shipDelayMs (40).
    expect(Date.parse(ackBody.expected_ship_at)).toBeGreaterThanOrEqual(before + 40);
    expect(Date.parse(ackBody.expected_ship_at)).toBeLessThanOrEqual(Date.now() + 40);

    expect(ship?.path).toBe('/partner/v1/dispatches/d_1/shipment');
    expect(ship?.headers['idempotency-key']).toBe('d_1:ship');
    const shipBody = ship?.body as { tracking_number: string; carrier: string };
    expect(shipBody.carrier).toBe('UPS');
    expect(validateTrackingNumber(shipBody.tracking_number, 'UPS').status).toBe('valid');

    expect(sim.shipped()).toEqual([
      { dispatchId: 'd_1', trackingNumber: shipBody.tracking_number, carrier: 'UPS' },
    ]);
    expect(sim.callLog().map(({ path, status }) => ({ path, status }))).toEqual([
      { path: '/dispatches/d_1/ack', status: 200 },
      { path: '/dispatches/d_1/shipment', status: 200 },
    ]);
  });

  it('a duplicate delivery is counted but acked and shipped once', async () => {
    const { partner, sim } = await setup({ mode: 'normal' });
    await dispatch(sim, 'd_dup');
    const body = JSON.stringify(sampleDispatch('d_dup'));
    await fetch(`${sim.url}/dispatches`, {
      method: 'POST',
      body,
      headers: signedHeaders(secret, 'd_dup', body),
    });
    await waitFor(() => partner.calls.length >= 2);
    await delay(80);
    expect(partner.calls.map((c) => c.path)).toEqual([
      '/partner/v1/dispatches/d_dup/ack',
      '/partner/v1/dispatches/d_dup/shipment',
    ]);
    expect(sim.received()).toMatchObject([{ dispatchId: 'd_dup', deliveries: 2 }]);
  });

  it('reject: calls reject with out_of_stock and never ships', async () => {
    const { partner, sim } = await setup({ mode: 'reject' });
    await dispatch(sim, 'd_2');
    await waitFor(() => partner.calls.length === 1);
    await delay(80);
    expect(partner.calls).toMatchObject([
      {
        path: '/partner/v1/dispatches/d_2/reject',
        body: { reason: 'out_of_stock' },
        headers: { 'idempotency-key': 'd_2:reject' },
      },
    ]);
    expect(sim.shipped()).toEqual([]);
  });

  it('silent: takes the order and never calls back', async () => {
    const { partner, sim } = await setup({ mode: 'silent' });
    await dispatch(sim, 'd_3');
    await delay(120);
    expect(sim.received()).toHaveLength(1);
    expect(partner.calls).toEqual([]);
    expect(sim.callLog()).toEqual([]);
  });

  it('no_tracking: acks but never ships', async () => {
    const { partner, sim } = await setup({ mode: 'no_tracking' });
    await dispatch(sim, 'd_4');
    await waitFor(() => partner.calls.length === 1);
    await delay(100);
    expect(partner.calls.map((c) => c.path)).toEqual(['/partner/v1/dispatches/d_4/ack']);
  });

  it('bad_tracking: ships a number with a wrong check digit', async () => {
    const { partner, sim } = await setup({ mode: 'bad_tracking', carrier: 'USPS' });
    await dispatch(sim, 'd_5');
    await waitFor(() => partner.calls.length === 2);
    const shipBody = partner.calls[1]?.body as { tracking_number: string };
    expect(shipBody.tracking_number).toMatch(/^\d{22}$/);
    expect(validateTrackingNumber(shipBody.tracking_number, 'USPS').status).toBe(
      'invalid_check_digit',
    );
  });

  it('retries a 5xx from the partner API and logs every attempt', async () => {
    const { partner, sim } = await setup({ mode: 'no_tracking' }, 2);
    await dispatch(sim, 'd_6');
    await waitFor(() => sim.callLog().length === 3);
    expect(sim.callLog().map(({ status, attempt }) => ({ status, attempt }))).toEqual([
      { status: 503, attempt: 1 },
      { status: 503, attempt: 2 },
      { status: 200, attempt: 3 },
    ]);
    expect(new Set(partner.calls.map((c) => c.headers['idempotency-key']))).toEqual(
      new Set(['d_6:ack']),
    );
  });

  it('gives up after three tries when the partner API stays down', async () => {
    const { partner, sim } = await setup({ mode: 'no_tracking' }, 10);
    await dispatch(sim, 'd_7');
    await waitFor(() => sim.callLog().length === 3);
    await delay(400);
    expect(partner.calls).toHaveLength(3);
  });

  it('logs status 0 and retries when the partner API is unreachable, then uses a late URL', async () => {
    const { partner, sim } = await setup({ mode: 'no_tracking', ackDelayMs: 0 });
    sim.setPartnerApi('http://127.0.0.1:1/partner/v1', 'pk_old');
    await dispatch(sim, 'd_8');
    await waitFor(() => sim.callLog().length === 3);
    expect(sim.callLog().map((c) => c.status)).toEqual([0, 0, 0]);

    sim.setPartnerApi(partner.url, 'pk_new');
    await dispatch(sim, 'd_9');
    await waitFor(() => partner.calls.length === 1);
    expect(partner.calls[0]?.headers.authorization).toBe('Bearer pk_new');
  });

  it('a patient supplier keeps trying through an outage, and retries a 409 that says Retry-After', async () => {
    const { partner, sim } = await setup({ mode: 'no_tracking', callbackAttempts: 50 }, 5);
    await dispatch(sim, 'd_10');
    await waitFor(() => sim.callLog().at(-1)?.status === 200, 15_000);
    expect(partner.calls).toHaveLength(6);

    // IDEMPOTENCY_KEY_IN_FLIGHT: the earlier try with this key has not answered yet.
    const inFlight = await setup({ mode: 'no_tracking' }, 1, { status: 409, retryAfter: '1' });
    await dispatch(inFlight.sim, 'd_11');
    await waitFor(() => inFlight.sim.callLog().length === 2, 5000);
    expect(inFlight.sim.callLog().map((c) => c.status)).toEqual([409, 200]);
    // Without Retry-After a 409 is final (the key was used for another request).
    const reused = await setup({ mode: 'no_tracking' }, 1, { status: 409 });
    await dispatch(reused.sim, 'd_12');
    await waitFor(() => reused.sim.callLog().length === 1);
    await delay(400);
    expect(reused.partner.calls).toHaveLength(1);
  }, 30_000);

  it('sends each callback twice with the same idempotency key when told to', async () => {
    const { partner, sim } = await setup({ mode: 'no_tracking', duplicateCallbackRate: 1 });
    await dispatch(sim, 'd_13');
    await waitFor(() => partner.calls.length === 2);
    expect(partner.calls.map((c) => [c.path, c.headers['idempotency-key']])).toEqual([
      ['/partner/v1/dispatches/d_13/ack', 'd_13:ack'],
      ['/partner/v1/dispatches/d_13/ack', 'd_13:ack'],
    ]);
  });
});
