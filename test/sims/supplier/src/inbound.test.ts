import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupplierSim } from './sim.ts';
import { newSecret, sampleDispatch, signedHeaders, startSilentSim } from './test-helpers.ts';

const secret = newSecret();
let sim: SupplierSim;

beforeEach(async () => {
  sim = await startSilentSim(secret);
});
afterEach(() => sim.close());

function post(body: string, headers: Record<string, string>) {
  return fetch(`${sim.url}/dispatches`, { method: 'POST', body, headers });
}

describe('POST /dispatches', () => {
  it('accepts a signed dispatch with 202 and records it', async () => {
    const body = JSON.stringify(sampleDispatch('d_1'));
    const res = await post(body, signedHeaders(secret, 'd_1', body));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'accepted', dispatch_id: 'd_1' });
    expect(sim.received()).toMatchObject([
      { dispatchId: 'd_1', orderNumber: '576486316948490001', deliveries: 1 },
    ]);
  });

  it('answers 401 without a signature, with a tampered body or a foreign secret', async () => {
    const body = JSON.stringify(sampleDispatch('d_1'));
    const unsigned = await post(body, { 'content-type': 'application/json' });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: { code: 'INVALID_SIGNATURE' } });

    const tampered = body.replace('"quantity":2', '"quantity":20');
    expect((await post(tampered, signedHeaders(secret, 'd_1', body))).status).toBe(401);
    expect((await post(body, signedHeaders(newSecret(), 'd_1', body))).status).toBe(401);
    expect(sim.received()).toEqual([]);
  });

  it('answers 401 to a replay older than five minutes', async () => {
    const body = JSON.stringify(sampleDispatch('d_1'));
    const res = await post(body, signedHeaders(secret, 'd_1', body, Date.now() - 301_000));
    expect(res.status).toBe(401);
  });

  it('accepts when one of several signatures matches (key rotation)', async () => {
    const body = JSON.stringify(sampleDispatch('d_1'));
    const old = signedHeaders(newSecret(), 'd_1', body)['webhook-signature'];
    const headers = signedHeaders(secret, 'd_1', body);
    headers['webhook-signature'] = `${old} ${headers['webhook-signature']}`;
    expect((await post(body, headers)).status).toBe(202);
  });

  it.each([
    ['not JSON', () => '{"type":'],
    [
      'no order number',
      () => {
        const d = sampleDispatch('d_x');
        d.order.order_number = '';
        return JSON.stringify(d);
      },
    ],
    [
      'a zero quantity',
      () => {
        const d = sampleDispatch('d_x');
        d.order.lines = [{ sku_code: 'SUP-1', quantity: 0, name: 'x' }];
        return JSON.stringify(d);
      },
    ],
    [
      'no recipient',
      () => JSON.stringify({ ...sampleDispatch('d_x'), order: { order_number: '1' } }),
    ],
    [
      'no carrier',
      () => {
        const d: { order: Record<string, unknown> } = sampleDispatch('d_x');
        delete d.order.carrier_code;
        return JSON.stringify(d);
      },
    ],
  ])('answers 400 with an error body for %s', async (_name, makeBody) => {
    const body = makeBody();
    const res = await post(body, signedHeaders(secret, 'd_x', body));
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; issues: unknown[] } };
    expect(json.error.code).toBe('INVALID_PAYLOAD');
    expect(json.error.issues.length).toBeGreaterThan(0);
    expect(sim.received()).toEqual([]);
  });

  it('counts a duplicate delivery but records the order once', async () => {
    const body = JSON.stringify(sampleDispatch('d_1'));
    expect((await post(body, signedHeaders(secret, 'd_1', body))).status).toBe(202);
    const again = await post(body, signedHeaders(secret, 'd_1', body));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'duplicate', dispatch_id: 'd_1' });
    expect(sim.received()).toMatchObject([{ dispatchId: 'd_1', deliveries: 2 }]);
  });

  it('answers 503 at failRate 1, and records nothing so the retry counts', async () => {
    sim.behaviour.failRate = 1;
    const body = JSON.stringify(sampleDispatch('d_1'));
    expect((await post(body, signedHeaders(secret, 'd_1', body))).status).toBe(503);
    sim.behaviour.failRate = 0;
    expect((await post(body, signedHeaders(secret, 'd_1', body))).status).toBe(202);
    expect(sim.received()).toMatchObject([{ deliveries: 1 }]);
  });

  it('refuses an oversized body with 413', async () => {
    const body = JSON.stringify({ ...sampleDispatch('d_1'), padding: 'x'.repeat(300_000) });
    expect((await post(body, signedHeaders(secret, 'd_1', body))).status).toBe(413);
  });
});
