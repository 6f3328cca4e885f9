import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { registerSupplier } from '@switchyard/api';
import { orderWorkflowId } from '@switchyard/domain';
import { generateWebhookSecret } from '@switchyard/suppliers';
import { signWebhook } from '@switchyard/tiktok-shop';
import { progressQuery } from '@switchyard/workflows';
import { WorkflowNotFoundError } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

// Adversarial input at every public surface of the api: each refusal has one HTTP status and
// one stable error code, is never a 5xx, and leaves no trace (no row, no workflow).

const APP_KEY = 'sim-app-key';
const APP_SECRET = 'sim-app-secret';
const WEBHOOK_LIMIT = 64 * 1024;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Row counts of every table an accepted request could write to, plus each dispatch's state. */
async function snapshot(p: Platform) {
  const { rows } = await sql<Record<string, number>>`
    select (select count(*) from webhook_inbox)::int as webhook_inbox,
           (select count(*) from orders)::int as orders,
           (select count(*) from dispatches)::int as dispatches,
           (select count(*) from ledger_entries)::int as ledger_entries,
           (select count(*) from order_events)::int as order_events`.execute(p.admin);
  const dispatches = await p.admin
    .selectFrom('dispatches')
    .select(['id', 'status', 'tracking_number', 'carrier', 'acked_at', 'shipped_at'])
    .orderBy('id')
    .execute();
  return { counts: rows[0], dispatches };
}

/** Asserts the exact status and stable error code of an api error body `{ error: { code } }`. */
async function expectError(res: Response, status: number, code: string) {
  const text = await res.text();
  let body: { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  expect({ status: res.status, code: body?.error?.code }, text).toEqual({ status, code });
  expect(typeof body?.error?.message).toBe('string');
  return body!.error!;
}

/** Throws unless no workflow exists for this marketplace order of the tenant's shop. */
async function expectNoWorkflow(p: Platform, platformOrderId: string) {
  const t = p.tenants[0]!;
  const handle = p.temporal.workflow.getHandle(
    orderWorkflowId(t.tenantId, t.shopId, platformOrderId),
  );
  await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
}

/** A type-1 notification that would start an order workflow if it got through. */
function orderNotification(shopId: string, over: Record<string, unknown> = {}) {
  const orderId = `5764${Math.floor(Math.random() * 1e14)}`;
  const payload = {
    type: 1,
    tts_notification_id: `n-${randomUUID()}`,
    shop_id: shopId,
    timestamp: 1_700_000_000,
    data: { order_id: orderId, order_status: 'AWAITING_SHIPMENT', update_time: 1_700_000_001 },
    ...over,
  };
  return { orderId, payload, raw: JSON.stringify(payload) };
}

const signed = (raw: string | Uint8Array, secret = APP_SECRET, appKey = APP_KEY) => ({
  authorization: signWebhook(appKey, secret, raw),
});

function postWebhook(p: Platform, body: string, headers: Record<string, string> = {}) {
  return fetch(`${p.apiUrl}/webhooks/tiktok`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

/**
 * POSTs with `Transfer-Encoding: chunked` (no Content-Length) on a connection of its own: the
 * server may answer and close before reading everything, which must not poison a shared pool.
 */
function postChunked(url: string, body: string, headers: Record<string, string>) {
  return new Promise<Response>((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0 })),
      );
    });
    req.on('error', reject);
    const bytes = Buffer.from(body);
    for (let i = 0; i < bytes.length; i += 8192) req.write(bytes.subarray(i, i + 8192));
    req.end();
  });
}

type PartnerAction = 'ack' | 'shipment' | 'reject';
const VALID_BODY: Record<PartnerAction, unknown> = {
  ack: { channel: 'api' },
  shipment: { tracking_number: '9400111899223100001234', carrier: 'USPS' },
  reject: { reason: 'out of stock' },
};

function partnerCall(
  p: Platform,
  dispatchId: string,
  action: PartnerAction,
  opts: { authorization?: string; body?: unknown },
) {
  const body = opts.body === undefined ? VALID_BODY[action] : opts.body;
  return fetch(`${p.apiUrl}/partner/v1/dispatches/${dispatchId}/${action}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.authorization !== undefined && { authorization: opts.authorization }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Creates a marketplace order and waits until its dispatch is open and the platform is idle. */
async function openDispatch(p: Platform) {
  const t = p.tenants[0]!;
  const simOrder = p.tts.createOrder(t.simShopId);
  const handle = p.temporal.workflow.getHandle(orderWorkflowId(t.tenantId, t.shopId, simOrder.id));
  const progress = await eventually(async () => {
    const pr = await handle.query(progressQuery);
    return pr.phase === 'dispatched' && pr.dispatchId ? pr : undefined;
  });
  const dispatchId = progress.dispatchId!;
  await eventually(async () => {
    const o = await p.admin
      .selectFrom('orders')
      .select('status')
      .where('platform_order_id', '=', simOrder.id)
      .executeTakeFirst();
    return (
      o?.status === 'dispatched' && p.supplier.received().some((r) => r.dispatchId === dispatchId)
    );
  });
  await p.tts.webhooksIdle();
  return { simOrderId: simOrder.id, dispatchId, handle };
}

function listOrders(p: Platform, input: string, authorization?: string) {
  return fetch(`${p.apiUrl}/trpc/orders.list?input=${encodeURIComponent(input)}`, {
    headers: authorization ? { authorization } : {},
  });
}

/** tRPC errors carry the stable code in `error.data.code` and the status in `httpStatus`. */
async function expectTrpcError(res: Response, status: number, code: string) {
  const text = await res.text();
  const body = JSON.parse(text) as { error?: { data?: { code?: string; httpStatus?: number } } };
  expect(
    { status: res.status, code: body.error?.data?.code, httpStatus: body.error?.data?.httpStatus },
    text,
  ).toEqual({ status, code, httpStatus: status });
}

const cursorOf = (s: string) => Buffer.from(s).toString('base64url');

// ---------------------------------------------------------------------------------------------

let p: Platform;
beforeAll(async () => {
  p = await startPlatform({ supplierBehaviour: { mode: 'silent' } });
});
afterAll(async () => {
  await p?.close();
});

describe('POST /webhooks/tiktok', () => {
  const shopId = () => p.tenants[0]!.simShopId;

  const badSignatures: Array<[string, (raw: string) => Record<string, string>]> = [
    ['no Authorization header', () => ({})],
    ['an empty Authorization header', () => ({ authorization: '' })],
    ['a signature of the right length that is wrong', () => ({ authorization: 'ab'.repeat(32) })],
    ['a non-hex signature', () => ({ authorization: 'not-a-signature' })],
    ['a truncated signature', (raw) => ({ authorization: signed(raw).authorization.slice(0, 62) })],
    [
      'the signature of a different (tampered) body',
      (raw) => signed(raw.replace('AWAITING_SHIPMENT', 'CANCELLED')),
    ],
    ['a signature made with the wrong secret', (raw) => signed(raw, 'not-the-app-secret')],
    ['a signature made with the wrong app key', (raw) => signed(raw, APP_SECRET, 'other-key')],
    [
      'a Bearer-prefixed signature',
      (raw) => ({ authorization: `Bearer ${signed(raw).authorization}` }),
    ],
  ];

  it.each(badSignatures)('refuses %s with 401 WEBHOOK_BAD_SIGNATURE', async (_, headers) => {
    const n = orderNotification(shopId());
    const before = await snapshot(p);
    const res = await postWebhook(p, n.raw, headers(n.raw));
    await expectError(res, 401, 'WEBHOOK_BAD_SIGNATURE');
    expect(await snapshot(p)).toEqual(before);
    await expectNoWorkflow(p, n.orderId);
  });

  const malformed: Array<[string, () => string]> = [
    ['a body that is not JSON', () => '{"type": 1, "shop_id": '],
    ['an empty body', () => ''],
    ['a JSON array', () => '[]'],
    ['JSON null', () => 'null'],
    [
      'JSON without shop_id',
      () => JSON.stringify({ ...orderNotification('x').payload, shop_id: undefined }),
    ],
    ['JSON with an empty shop_id', () => orderNotification('').raw],
    [
      'JSON without type',
      () => JSON.stringify({ ...orderNotification(shopId()).payload, type: undefined }),
    ],
    ['a non-numeric type', () => orderNotification(shopId(), { type: 'order' }).raw],
    ['a fractional type', () => orderNotification(shopId(), { type: 1.5 }).raw],
    [
      'an order event without an order id',
      () => orderNotification(shopId(), { data: { order_status: 'AWAITING_SHIPMENT' } }).raw,
    ],
    // Postgres `int` ends at 2^31 - 1; such a type must be refused, not crash the insert.
    ['a type beyond 32 bits', () => orderNotification(shopId(), { type: 2 ** 31 }).raw],
    // jsonb cannot store U+0000 and text parameters cannot carry it: refuse before the database.
    [
      'a NUL character in a payload string',
      () => orderNotification(shopId(), { type: 99, data: { note: 'a\u0000b' } }).raw,
    ],
    [
      'a payload nested 30,000 levels deep',
      () =>
        orderNotification(shopId(), { type: 99, data: 0 }).raw.replace(
          '"data":0',
          `"data":${'['.repeat(30_000)}${']'.repeat(30_000)}`,
        ),
    ],
    ['a NUL character in the shop id', () => orderNotification(`${shopId()}\u0000`).raw],
  ];

  it.each(malformed)('refuses a signed body with %s: 400 WEBHOOK_MALFORMED', async (_, body) => {
    const raw = body();
    const before = await snapshot(p);
    const res = await postWebhook(p, raw, signed(raw));
    await expectError(res, 400, 'WEBHOOK_MALFORMED');
    expect(await snapshot(p)).toEqual(before);
  });

  /** A valid, signed notification padded with a field to exactly `bytes` bytes. */
  function paddedTo(bytes: number, type = 99) {
    const n = orderNotification(shopId(), { type, pad: '' });
    const raw = n.raw.replace('"pad":""', `"pad":"${'x'.repeat(bytes - n.raw.length)}"`);
    expect(Buffer.byteLength(raw)).toBe(bytes);
    return { ...n, raw };
  }

  it('refuses a correctly signed body over 64 KiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const n = paddedTo(WEBHOOK_LIMIT + 1, 1);
    const before = await snapshot(p);
    await expectError(await postWebhook(p, n.raw, signed(n.raw)), 413, 'PAYLOAD_TOO_LARGE');
    expect(await snapshot(p)).toEqual(before);
    await expectNoWorkflow(p, n.orderId);
  });

  it('still accepts a body of exactly 64 KiB (the limit is not lower than documented)', async () => {
    const n = paddedTo(WEBHOOK_LIMIT);
    const res = await postWebhook(p, n.raw, signed(n.raw));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'accepted' });
  });

  it('refuses an oversized body sent chunked, without Content-Length, with 413', async () => {
    const n = paddedTo(WEBHOOK_LIMIT * 2, 1);
    const before = await snapshot(p);
    const res = await postChunked(`${p.apiUrl}/webhooks/tiktok`, n.raw, signed(n.raw));
    await expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await snapshot(p)).toEqual(before);
    await expectNoWorkflow(p, n.orderId);
  });

  it('answers 404 SHOP_UNKNOWN for a signed, valid notification of a shop nobody bound', async () => {
    const n = orderNotification('7494000000000000001');
    const before = await snapshot(p);
    await expectError(await postWebhook(p, n.raw, signed(n.raw)), 404, 'SHOP_UNKNOWN');
    expect(await snapshot(p)).toEqual(before);
    await expectNoWorkflow(p, n.orderId);
  });

  it('answers a replayed notification id with 200 duplicate and keeps one inbox row', async () => {
    // IN_TRANSIT is stored but starts no workflow, so the replay is the only variable here.
    const n = orderNotification(shopId(), {
      data: { order_id: '576400000000000042', order_status: 'IN_TRANSIT', update_time: 5 },
    });
    const first = await postWebhook(p, n.raw, signed(n.raw));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'accepted' });
    const afterFirst = await snapshot(p);

    const again = await postWebhook(p, n.raw, signed(n.raw));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'duplicate' });
    // Same id, different content: still the same notification to us (R-IN-1 dedupe key).
    const altered = JSON.stringify({
      ...n.payload,
      data: { ...n.payload.data, order_status: 'DELIVERED' },
    });
    const third = await postWebhook(p, altered, signed(altered));
    expect(third.status).toBe(200);
    expect(await third.json()).toEqual({ status: 'duplicate' });

    expect(await snapshot(p)).toEqual(afterFirst);
    const rows = await p.admin
      .selectFrom('webhook_inbox')
      .select(['type', 'payload'])
      .where('notification_id', '=', n.payload.tts_notification_id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({ data: { order_status: 'IN_TRANSIT' } });
    await expectNoWorkflow(p, '576400000000000042');
  });

  it('stores an unknown webhook type for a bound shop and answers 200, starting nothing', async () => {
    const n = orderNotification(shopId(), { type: 99 });
    const before = await snapshot(p);
    const res = await postWebhook(p, n.raw, signed(n.raw));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'accepted' });
    expect((await snapshot(p)).counts).toEqual({
      ...before.counts,
      webhook_inbox: before.counts!.webhook_inbox! + 1,
    });
    const row = await p.admin
      .selectFrom('webhook_inbox')
      .select(['type', 'tenant_id', 'processed_at'])
      .where('notification_id', '=', n.payload.tts_notification_id)
      .executeTakeFirstOrThrow();
    expect(row.type).toBe(99);
    expect(row.tenant_id).toBe(p.tenants[0]!.tenantId);
    expect(row.processed_at).not.toBeNull();
    await expectNoWorkflow(p, n.orderId);
  });
});

describe('tRPC orders.list over HTTP', () => {
  const token = () => `Bearer ${p.tenants[0]!.apiToken}`;

  it('answers a valid call with 200 (so the refusals below are about the input)', async () => {
    const res = await listOrders(p, JSON.stringify({ limit: 5 }), token());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ result: { data: { nextCursor: null } } });
  });

  it.each([
    ['no Authorization header', undefined],
    ['a forged tenant token', 'Bearer sy_live_forged'],
    ['a Basic credential', 'Basic dXNlcjpwYXNz'],
    ['a partner key instead of a tenant token', 'Bearer sy_pk_0000000000000000'],
  ])('refuses %s with 401 UNAUTHORIZED', async (_, authorization) => {
    const res = await listOrders(p, JSON.stringify({}), authorization);
    await expectTrpcError(res, 401, 'UNAUTHORIZED');
  });

  it.each([
    ['limit 0', { limit: 0 }],
    ['limit 1000', { limit: 1000 }],
    ['a fractional limit', { limit: 2.5 }],
    ['a string limit', { limit: '10' }],
    ['an unknown status', { status: 'teleported' }],
    ['a garbage cursor', { cursor: '!!!not-a-cursor!!!' }],
    ['a cursor over 200 characters', { cursor: 'a'.repeat(201) }],
    ['a cursor whose date is not a date', { cursor: cursorOf(`yesterday|${randomUUID()}`) }],
    // Decodes to a real date and an id: the id must be validated, not handed to a uuid column.
    ['a cursor whose id is not a uuid', { cursor: cursorOf('2026-01-01T00:00:00.000Z|x') }],
    [
      'a cursor whose date Postgres cannot hold',
      { cursor: cursorOf(`-200000-01-01T00:00:00.000Z|${randomUUID()}`) },
    ],
  ])('refuses %s with 400 BAD_REQUEST, never 500', async (_, input) => {
    const res = await listOrders(p, JSON.stringify(input), token());
    await expectTrpcError(res, 400, 'BAD_REQUEST');
  });

  it('refuses an input that is not JSON with 400', async () => {
    await expectTrpcError(await listOrders(p, '{limit:', token()), 400, 'BAD_REQUEST');
  });
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
    ({ partnerKey: otherSupplierKey } = await registerSupplier(
      { db: p.db, keyring: p.keyring },
      {
        code: 'factory-z',
        name: 'Factory Z',
        endpointUrl: 'http://127.0.0.1:9/dispatches',
        signingSecret: generateWebhookSecret(),
        countries: ['JP'],
        carriers: ['JP-POST'],
      },
    ));
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
    ['shipment', 'a missing tracking_number', { carrier: 'USPS' }, ['tracking_number']],
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
    ['shipment', 'a missing carrier', { tracking_number: '9400111899223100001234' }, ['carrier']],
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

  it('still acknowledges the same dispatch with a valid body (the refusals were about input)', async () => {
    const res = await partnerCall(p, open.dispatchId, 'ack', { authorization: bearer(partnerKey) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'acknowledged' });
    await eventually(async () => {
      const d = await p.admin
        .selectFrom('dispatches')
        .select('status')
        .where('id', '=', open.dispatchId)
        .executeTakeFirst();
      return d?.status === 'acknowledged';
    });
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
