import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import type { SupplierBehaviour } from './behaviour.ts';
import { type SupplierSim, startSupplierSim } from './sim.ts';
import {
  newSecret,
  sampleDispatch,
  signedHeaders,
  startFakePartnerApi,
  waitFor,
} from './test-helpers.ts';

// R-TRK-2: a supplier prints the label (the carrier learns the number) before it reports the
// shipment; told a number was refused, it may look again and send a labelled one.

const secret = newSecret();
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function startFakeCarrier() {
  const labels: Array<{ key: string | undefined; body: unknown }> = [];
  const app = new Hono();
  app.post('/v1/labels', async (c) => {
    labels.push({ key: c.req.header('x-api-key'), body: await c.req.json() });
    return c.json({ data: {} }, 201);
  });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve({ server: s, port: info.port }),
      );
    },
  );
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${port}`, labels };
}

async function setup(behaviour: Partial<SupplierBehaviour>) {
  const partner = await startFakePartnerApi();
  cleanup.push(partner.close);
  const carrier = await startFakeCarrier();
  const sim = await startSupplierSim({
    signingSecret: secret,
    partnerApiUrl: partner.url,
    partnerKey: 'pk_live_abc',
    carrierApi: { url: carrier.url, apiKey: 'ck_supplier_key' },
    behaviour: { ackDelayMs: 5, shipDelayMs: 10, ...behaviour },
  });
  cleanup.push(sim.close);
  return { partner, carrier, sim };
}

function post(sim: SupplierSim, id: string, payload: unknown) {
  const body = JSON.stringify(payload);
  return fetch(`${sim.url}/dispatches`, {
    method: 'POST',
    body,
    headers: signedHeaders(secret, id, body),
  });
}

describe('labels at the carrier (R-TRK-2)', () => {
  it('creates the label of each number it ships, under its carrier code, before reporting it', async () => {
    const { carrier, sim } = await setup({ mode: 'normal', carrier: 'YunExpress' });
    expect((await post(sim, 'd_1', sampleDispatch('d_1'))).status).toBe(202);
    await waitFor(() => sim.callLog().length === 2);
    const [shipped] = sim.shipped();
    expect(carrier.labels).toEqual([
      {
        key: 'ck_supplier_key',
        body: { carrier: 'YUNEXPRESS', tracking_number: shipped!.trackingNumber },
      },
    ]);
  });

  it('unlabelled_tracking ships a well-formed number the carrier never heard of', async () => {
    const { carrier, sim } = await setup({ mode: 'unlabelled_tracking' });
    await post(sim, 'd_2', sampleDispatch('d_2'));
    await waitFor(() => sim.callLog().length === 2);
    expect(sim.shipped()).toHaveLength(1);
    expect(carrier.labels).toEqual([]);
  });

  it('takes a tracking.rejected notice once, and with reship sends a labelled number', async () => {
    const { carrier, partner, sim } = await setup({
      mode: 'unlabelled_tracking',
      onTrackingRejected: 'reship',
    });
    await post(sim, 'd_3', sampleDispatch('d_3'));
    await waitFor(() => sim.callLog().length === 2);
    const made = sim.shipped()[0]!.trackingNumber;
    const notice = {
      type: 'tracking.rejected',
      notice_id: `tracking_rejected:d_3:${made}`,
      dispatch_id: 'd_3',
      tracking_number: made,
      carrier: 'USPS',
      code: 'TRACKING_UNKNOWN_TO_CARRIER',
      reason: 'no label',
    };
    expect((await post(sim, notice.notice_id, notice)).status).toBe(200);
    expect((await post(sim, notice.notice_id, notice)).status).toBe(200);
    await waitFor(() => sim.callLog().length === 3);
    const real = sim.shipped()[1]!.trackingNumber;
    expect(real).not.toBe(made);
    expect(
      carrier.labels.map((l) => (l.body as { tracking_number: string }).tracking_number),
    ).toEqual([real]);
    expect(partner.calls.at(-1)).toMatchObject({
      path: '/partner/v1/dispatches/d_3/shipment',
      body: { tracking_number: real },
    });
    expect(sim.notices()).toEqual([
      expect.objectContaining({ type: 'tracking.rejected', deliveries: 2 }),
    ]);
  });

  it('refuses a notice that is not well formed', async () => {
    const { sim } = await setup({ mode: 'silent' });
    const res = await post(sim, 'n_bad', {
      type: 'shipment.first_scan_missing',
      notice_id: 'n_bad',
    });
    expect(res.status).toBe(400);
    expect(sim.notices()).toEqual([]);
  });
});
