import { progressQuery } from '@switchyard/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import { expectError, openDispatch, type PartnerAction, partnerCall, snapshot } from './helpers.ts';

// Adversarial input at the partner API: each refusal has one HTTP status and one stable error
// code, is never a 5xx, and changes nothing.

let p: Platform;
beforeAll(async () => {
  p = await startPlatform({ supplierBehaviour: { mode: 'silent' } });
});
afterAll(async () => {
  await p?.close();
});

describe('partner API /partner/v1/dispatches/:id', () => {
  let open: Awaited<ReturnType<typeof openDispatch>>;
  let otherSupplierKey: string;
  let partnerKey: string;
  const actions: PartnerAction[] = ['ack', 'shipment', 'reject'];

  beforeAll(async () => {
    open = await openDispatch(p);
    partnerKey = p.partnerKey;
    // A second supplier that serves no country of ours: it can authenticate but owns nothing.
    ({ partnerKey: otherSupplierKey } = await p.registerIdleSupplier('factory-z'));
  });

  const bearer = (key: string) => `Bearer ${key}`;

  describe.each(actions)('POST …/%s', (action) => {
    it.each([
      ['no Authorization header', () => undefined],
      [
        'a Basic credential',
        () => `Basic ${Buffer.from(`factory-a:${partnerKey}`).toString('base64')}`,
      ],
      ['a bare key without Bearer', () => partnerKey],
      ['an unknown sy_pk_ key', () => bearer(`sy_pk_${'0'.repeat(43)}`)],
      ['a key without the sy_pk_ prefix', () => bearer(partnerKey.replace(/^sy_pk_/, ''))],
      ['a tenant API token', () => bearer(p.tenants[0]!.apiToken)],
    ])('refuses %s with 401 PARTNER_UNAUTHORIZED', async (_, authorization) => {
      const before = await snapshot(p);
      const res = await partnerCall(p, open.dispatchId, action, { authorization: authorization() });
      await expectError(res, 401, 'PARTNER_UNAUTHORIZED');
      expect(await snapshot(p)).toEqual(before);
    });

    it("answers another supplier's dispatch exactly like an unknown one: 404", async () => {
      const before = await snapshot(p);
      const res = await partnerCall(p, open.dispatchId, action, {
        authorization: bearer(otherSupplierKey),
      });
      const err = await expectError(res, 404, 'DISPATCH_NOT_FOUND');
      const unknown = await partnerCall(p, `d_${'0'.repeat(32)}`, action, {
        authorization: bearer(otherSupplierKey),
      });
      const unknownErr = await expectError(unknown, 404, 'DISPATCH_NOT_FOUND');
      expect(err.details).toBeUndefined();
      expect(Object.keys(err)).toEqual(Object.keys(unknownErr));
      expect(await snapshot(p)).toEqual(before);
    });

    it.each([
      ['an id nobody issued', `d_${'f'.repeat(32)}`],
      ['an id with a percent-encoded NUL', 'd_%00'],
      ['an id of 5000 characters', `d_${'a'.repeat(5000)}`],
      ['an id with encoded slashes and quotes', '..%2F..%2F%27%20or%201%3D1--'],
    ])('answers %s with 404 DISPATCH_NOT_FOUND', async (_, id) => {
      const before = await snapshot(p);
      const res = await partnerCall(p, id, action, { authorization: bearer(partnerKey) });
      await expectError(res, 404, 'DISPATCH_NOT_FOUND');
      expect(await snapshot(p)).toEqual(before);
    });
  });

  it.each([
    ['shipment', 'invalid JSON', '{"tracking_number": ', undefined],
    ['shipment', 'a JSON array', [], undefined],
    [
      'shipment',
      'a tracking number with spaces',
      { tracking_number: '9400 1118 9922', carrier: 'USPS' },
      ['tracking_number'],
    ],
    [
      'shipment',
      'a tracking number with symbols',
      { tracking_number: "94001'; drop--", carrier: 'USPS' },
      ['tracking_number'],
    ],
    [
      'shipment',
      'a 5-character tracking number',
      { tracking_number: 'AB123', carrier: 'USPS' },
      ['tracking_number'],
    ],
    [
      'shipment',
      'a 41-character tracking number',
      { tracking_number: 'A'.repeat(41), carrier: 'USPS' },
      ['tracking_number'],
    ],
    [
      'shipment',
      'a numeric tracking number',
      { tracking_number: 94001118992231, carrier: 'USPS' },
      ['tracking_number'],
    ],
    [
      'shipment',
      'a one-letter carrier',
      { tracking_number: '9400111899223100001234', carrier: 'U' },
      ['carrier'],
    ],
    ['ack', 'invalid JSON', 'ack!', undefined],
    [
      'ack',
      'an expected_ship_at that is not a timestamp',
      { expected_ship_at: 'tomorrow' },
      ['expected_ship_at'],
    ],
    ['ack', 'an empty channel', { channel: '' }, ['channel']],
    ['reject', 'a missing reason', {}, ['reason']],
    ['reject', 'a blank reason', { reason: '   ' }, ['reason']],
    ['reject', 'a 201-character reason', { reason: 'x'.repeat(201) }, ['reason']],
  ] as const)(
    'refuses %s with %s: 400 BAD_REQUEST, nothing changed',
    async (action, _, body, fields) => {
      const before = await snapshot(p);
      const res = await partnerCall(p, open.dispatchId, action as PartnerAction, {
        authorization: bearer(partnerKey),
        body,
      });
      const err = await expectError(res, 400, 'BAD_REQUEST');
      if (fields) expect(Object.keys(err.details as object).sort()).toEqual([...fields]);
      expect(await snapshot(p)).toEqual(before);
      expect(before.dispatches.find((d) => d.id === open.dispatchId)?.status).toBe('sent');
      expect(await open.handle.query(progressQuery)).toMatchObject({
        phase: 'dispatched',
        dispatchId: open.dispatchId,
      });
    },
  );

  // Optional in the schema since a platform label may carry them; a seller-shipped dispatch
  // still needs both.
  it.each([
    ['a missing tracking_number', { carrier: 'USPS' }],
    ['a missing carrier', { tracking_number: '9400111899223100001234' }],
  ])('refuses a shipment with %s: 422 TRACKING_REQUIRED, nothing changed', async (_, body) => {
    const before = await snapshot(p);
    const res = await partnerCall(p, open.dispatchId, 'shipment', {
      authorization: bearer(partnerKey),
      body,
    });
    await expectError(res, 422, 'TRACKING_REQUIRED');
    expect(await snapshot(p)).toEqual(before);
    expect(before.dispatches.find((d) => d.id === open.dispatchId)?.status).toBe('sent');
  });

  it.each([
    ['reject', 'a NUL in the reason', { reason: 'out of stock\u0000' }, 'body.reason'],
    ['reject', 'an unpaired surrogate in the reason', { reason: 'out \ud800' }, 'body.reason'],
    [
      'shipment',
      'a NUL in the carrier',
      { tracking_number: '9400111899223100001234', carrier: 'USPS\u0000' },
      'body.carrier',
    ],
    [
      'shipment',
      'an unpaired surrogate in the carrier',
      { tracking_number: '9400111899223100001234', carrier: 'US\udc00PS' },
      'body.carrier',
    ],
    [
      'shipment',
      'a NUL in a line',
      {
        tracking_number: '9400111899223100001234',
        carrier: 'USPS',
        lines: [{ sku_code: 'A\u0000', quantity: 1 }],
      },
      'body.lines[0].sku_code',
    ],
    ['ack', 'a NUL in the channel', { channel: 'api\u0000' }, 'body.channel'],
    ['ack', 'a NUL in an unknown field', { note: '\u0000' }, 'body.note'],
  ] as const)(
    'refuses %s with %s: 400 INPUT_INVALID_TEXT naming the field, nothing changed',
    async (action, _, body, path) => {
      const before = await snapshot(p);
      const res = await partnerCall(p, open.dispatchId, action as PartnerAction, {
        authorization: bearer(partnerKey),
        body,
      });
      const err = await expectError(res, 400, 'INPUT_INVALID_TEXT');
      expect(err.details).toEqual({ path });
      expect(await snapshot(p)).toEqual(before);
    },
  );

  it('refuses a NUL in the query string with 400 INPUT_INVALID_TEXT', async () => {
    const before = await snapshot(p);
    const res = await fetch(`${p.apiUrl}/partner/v1/dispatches/${open.dispatchId}/ack?via=%00`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(partnerKey) },
      body: JSON.stringify({ channel: 'api' }),
    });
    const err = await expectError(res, 400, 'INPUT_INVALID_TEXT');
    expect(err.details).toEqual({ path: 'query.via[0]' });
    expect(await snapshot(p)).toEqual(before);
  });

  it.each([
    ['ack', 'an expected_ship_at in year 0', { expected_ship_at: '0000-01-01T00:00:00Z' }],
    ['ack', 'an expected_ship_at in year 9999', { expected_ship_at: '9999-12-31T23:59:59Z' }],
    [
      'shipment',
      'a quantity of 1e20',
      {
        tracking_number: '9400111899223100001234',
        carrier: 'USPS',
        lines: [{ sku_code: 'A', quantity: 1e20 }],
      },
    ],
  ] as const)('refuses %s with %s: 400 BAD_REQUEST, nothing changed', async (action, _, body) => {
    const before = await snapshot(p);
    const res = await partnerCall(p, open.dispatchId, action as PartnerAction, {
      authorization: bearer(partnerKey),
      body,
    });
    await expectError(res, 400, 'BAD_REQUEST');
    expect(await snapshot(p)).toEqual(before);
  });

  it('still acknowledges the same dispatch with a valid body (the refusals were about input)', async () => {
    const ack = () => partnerCall(p, open.dispatchId, 'ack', { authorization: bearer(partnerKey) });
    const res = await ack();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'acknowledged' });
    // Recorded before the answer (R-SLA-2); a repeat answers the same and changes nothing.
    const before = await snapshot(p);
    expect(before.dispatches.find((d) => d.id === open.dispatchId)?.status).toBe('acknowledged');
    const again = await ack();
    expect({ status: again.status, body: await again.json() }).toEqual({
      status: 200,
      body: { status: 'acknowledged' },
    });
    expect(await snapshot(p)).toEqual(before);
  });

  it('refuses an ack or shipment for a withdrawn dispatch with 409, changing nothing', async () => {
    const cancelled = await openDispatch(p);
    p.tts.cancel(cancelled.simOrderId);
    expect(await cancelled.handle.result()).toMatchObject({ status: 'cancelled' });
    await p.tts.webhooksIdle();
    const before = await snapshot(p);
    expect(before.dispatches.find((d) => d.id === cancelled.dispatchId)?.status).toBe('withdrawn');

    const ack = await partnerCall(p, cancelled.dispatchId, 'ack', {
      authorization: bearer(partnerKey),
    });
    await expectError(ack, 409, 'DISPATCH_CLOSED');
    const ship = await partnerCall(p, cancelled.dispatchId, 'shipment', {
      authorization: bearer(partnerKey),
    });
    await expectError(ship, 409, 'DISPATCH_CLOSED');
    expect(await snapshot(p)).toEqual(before);
  });
});

describe('partner API contract', () => {
  it('is published without a key, as OpenAPI 3.1', async () => {
    const res = await fetch(`${p.apiUrl}/partner/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/dispatches/{id}/shipment');
  });
});
