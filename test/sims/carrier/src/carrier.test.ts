import { CarrierTrackingError, createHttpCarrierTracking } from '@switchyard/carriers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultCarrierBehaviour } from './behaviour.ts';
import { type CarrierSim, startCarrierSim } from './sim.ts';

// R-TRK-2, R-SLA-1: the carrier adapter against the carrier simulator, over real HTTP.

const KEY = 'ck_test_platform';
const SHIPPER = 'ck_test_shipper';
let sim: CarrierSim;
let clock = 1_800_000_000_000;

beforeAll(async () => {
  sim = await startCarrierSim({ apiKeys: [KEY, SHIPPER], now: () => clock });
});
afterAll(() => sim.close());
beforeEach(() => Object.assign(sim.behaviour, defaultCarrierBehaviour));

const tracking = (opts: { apiKey?: string; timeoutMs?: number } = {}) =>
  createHttpCarrierTracking({ baseUrl: sim.url, apiKey: opts.apiKey ?? KEY, ...opts });

function createLabel(carrier: string, trackingNumber: string, key = SHIPPER) {
  return fetch(`${sim.url}/v1/labels`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ carrier, tracking_number: trackingNumber }),
  });
}
const control = (path: string, body: unknown) =>
  fetch(`${sim.url}/__control/${path}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function failure(p: Promise<unknown>): Promise<CarrierTrackingError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CarrierTrackingError);
  return e as CarrierTrackingError;
}

describe('carrier tracking adapter against the carrier sim', () => {
  it('R-TRK-2: a created label is known; a number never issued is unknown', async () => {
    sim.behaviour.firstScanAfterMs = 60_000;
    expect((await createLabel('USPS', '9400111206206406260787')).status).toBe(201);
    expect((await createLabel('USPS', '9400111206206406260787')).status).toBe(200);
    const t = tracking();
    expect(await t.lookup('USPS', '9400111206206406260787')).toEqual({
      carrier: 'USPS',
      trackingNumber: '9400111206206406260787',
      status: 'label_created',
      firstScanAt: null,
    });
    expect((await t.lookup('USPS', '9400111206206406260795')).status).toBe('unknown');
    // Another carrier's label of the same number is another parcel.
    expect((await t.lookup('UPS', '9400111206206406260787')).status).toBe('unknown');

    clock += 60_000;
    const scanned = await t.lookup('USPS', '9400111206206406260787');
    expect(scanned.status).toBe('in_transit');
    expect(scanned.firstScanAt).toEqual(new Date(clock));
  });

  it('R-SLA-1: a label set never to be scanned stays label_created until scanned on command', async () => {
    sim.behaviour.firstScanAfterMs = null;
    await createLabel('UPS', '1Z999AA10123456784');
    clock += 10 * 24 * 3600_000;
    const t = tracking();
    expect((await t.lookup('UPS', '1Z999AA10123456784')).status).toBe('label_created');
    expect((await control('labels/UPS/1Z999AA10123456784', { scan: 'now' })).status).toBe(200);
    expect(await t.lookup('UPS', '1Z999AA10123456784')).toMatchObject({
      status: 'in_transit',
      firstScanAt: new Date(clock),
    });
    await control('labels/UPS/1Z999AA10123456784', { status: 'exception' });
    expect((await t.lookup('UPS', '1Z999AA10123456784')).status).toBe('exception');
  });

  it('looks up many numbers in one call, in the order asked', async () => {
    sim.behaviour.firstScanAfterMs = 0;
    await createLabel('YUNEXPRESS', 'YT2229521272164446');
    const got = await tracking().lookupMany([
      { carrier: 'YUNEXPRESS', trackingNumber: 'YT2229521272164446' },
      { carrier: 'YUNEXPRESS', trackingNumber: 'YT2229521272164447' },
    ]);
    expect(got.map((r) => r.status)).toEqual(['in_transit', 'unknown']);
    const tooMany = Array.from({ length: 51 }, (_, i) => ({
      carrier: 'USPS',
      trackingNumber: `94001112062064062607${String(i).padStart(2, '0')}`,
    }));
    expect((await failure(tracking().lookupMany(tooMany))).code).toBe('CARRIER_REQUEST_INVALID');
  });

  it('a wrong API key is CARRIER_AUTH_FAILED, not an unknown number', async () => {
    const e = await failure(
      tracking({ apiKey: 'ck_wrong_key' }).lookup('USPS', '9400111206206406260787'),
    );
    expect(e).toMatchObject({ code: 'CARRIER_AUTH_FAILED', status: 401, retryable: false });
    expect((await createLabel('USPS', '9400111206206406260787', 'nope')).status).toBe(401);
  });

  it('an outage is CARRIER_UNAVAILABLE and retryable; a rate limit carries Retry-After', async () => {
    sim.behaviour.failMode = 'unavailable';
    const down = await failure(tracking().lookup('USPS', '9400111206206406260787'));
    expect(down).toMatchObject({ code: 'CARRIER_UNAVAILABLE', status: 503, retryable: true });
    // The tracking service is down, not the carrier: labels are still created.
    expect((await createLabel('USPS', '9400111206206406260795')).status).toBe(201);
    sim.behaviour.failMode = 'rate_limited';
    const limited = await failure(tracking().lookup('USPS', '9400111206206406260787'));
    expect(limited).toMatchObject({
      code: 'CARRIER_RATE_LIMITED',
      status: 429,
      retryAfterMs: 1000,
    });
    sim.behaviour.failMode = 'none';
    sim.behaviour.requestsPerSecond = 1;
    clock += 1000;
    await tracking().lookup('USPS', '9400111206206406260787');
    expect((await failure(tracking().lookup('USPS', '9400111206206406260787'))).code).toBe(
      'CARRIER_RATE_LIMITED',
    );
  });

  it('a hung call ends at the adapter timeout as CARRIER_UNAVAILABLE', async () => {
    sim.behaviour.failMode = 'timeout';
    sim.behaviour.hangMs = 5000;
    const e = await failure(tracking({ timeoutMs: 100 }).lookup('USPS', '9400111206206406260787'));
    expect(e).toMatchObject({ code: 'CARRIER_UNAVAILABLE', retryable: true });
    expect(e.message).toContain('did not answer');
  });

  it('refuses bad input with a 4xx and a stable code', async () => {
    const post = (body: string) =>
      fetch(`${sim.url}/v1/labels`, {
        method: 'POST',
        headers: { 'x-api-key': SHIPPER, 'content-type': 'application/json' },
        body,
      });
    for (const body of [
      '',
      '{',
      '{"carrier":"USPS","tracking_number":"94\\u0000"}',
      '{"carrier":"USPS","tracking_number":"\\ud800"}',
      '{"carrier":"USPS","tracking_number":"X","extra":1}',
    ]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'INVALID_REQUEST',
      );
    }
    expect((await post('x'.repeat(70 * 1024))).status).toBe(413);
    const nul = await fetch(`${sim.url}/v1/trackings/USPS/94%00`, {
      headers: { 'x-api-key': KEY },
    });
    expect(nul.status).toBe(400);
    expect((await control('behaviour', { failMode: 'sometimes' })).status).toBe(400);
    expect((await control('behaviour', { typo: 1 })).status).toBe(400);
  });
});
