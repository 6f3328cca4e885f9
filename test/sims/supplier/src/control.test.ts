import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSimEnv } from './env.ts';
import { type SupplierSim, startSupplierSim } from './sim.ts';
import { newSecret, sampleDispatch, signedHeaders, startSilentSim } from './test-helpers.ts';

const secret = newSecret();
let sim: SupplierSim;

beforeEach(async () => {
  sim = await startSilentSim(secret);
});
afterEach(() => sim.close());

const patch = (body: unknown) =>
  fetch(`${sim.url}/__control/behaviour`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('control API', () => {
  it('PATCH /__control/behaviour changes the live behaviour', async () => {
    const res = await patch({ mode: 'reject', ackDelayMs: 5 });
    expect(res.status).toBe(200);
    expect(sim.behaviour).toMatchObject({ mode: 'reject', ackDelayMs: 5, carrier: 'USPS' });
  });

  it('refuses unknown fields and out-of-range values', async () => {
    expect((await patch({ mood: 'grumpy' })).status).toBe(400);
    expect((await patch({ failRate: 2 })).status).toBe(400);
    expect((await patch({ mode: 'chaos' })).status).toBe(400);
    expect(sim.behaviour.mode).toBe('silent');
  });

  it('GET /__control/state reports behaviour, receipts, shipments and calls', async () => {
    const body = JSON.stringify(sampleDispatch('d_1'));
    await fetch(`${sim.url}/dispatches`, {
      method: 'POST',
      body,
      headers: signedHeaders(secret, 'd_1', body),
    });
    const state = (await (await fetch(`${sim.url}/__control/state`)).json()) as Record<
      string,
      unknown
    >;
    expect(state).toMatchObject({
      behaviour: { mode: 'silent' },
      received: [{ dispatchId: 'd_1', deliveries: 1 }],
      shipped: [],
      calls: [],
    });
  });
});

describe('startSupplierSim / env', () => {
  it('refuses a signing secret that is not whsec_<base64>', async () => {
    await expect(
      startSupplierSim({ signingSecret: 'hunter2', partnerApiUrl: '', partnerKey: 'pk' }),
    ).rejects.toThrow(/whsec_/);
  });

  it('parses the process environment with defaults and reports bad values', () => {
    const env = parseSimEnv({
      SUPPLIER_SIGNING_SECRET: secret,
      PARTNER_KEY: 'pk',
      ACK_DELAY_MS: '5',
    });
    expect(env).toMatchObject({ PORT: 0, SUPPLIER_MODE: 'normal', ACK_DELAY_MS: 5 });
    expect(env.SHIP_DELAY_MS).toBeUndefined();
    expect(() => parseSimEnv({ SUPPLIER_SIGNING_SECRET: secret })).toThrow(/PARTNER_KEY/);
    expect(() =>
      parseSimEnv({ SUPPLIER_SIGNING_SECRET: secret, PARTNER_KEY: 'pk', SUPPLIER_MODE: 'x' }),
    ).toThrow(/SUPPLIER_MODE/);
  });
});
