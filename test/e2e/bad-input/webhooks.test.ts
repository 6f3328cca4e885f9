import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../../harness/platform.ts';
import {
  APP_SECRET,
  expectError,
  expectNoWorkflow,
  nowSec,
  orderNotification,
  postChunked,
  postWebhook,
  signed,
  snapshot,
  WEBHOOK_LIMIT,
} from './helpers.ts';

// Adversarial input at the TikTok Shop webhook: each refusal has one HTTP status and one stable
// error code, is never a 5xx, and leaves no trace (no row, no workflow).

let p: Platform;
beforeAll(async () => {
  p = await startPlatform({ supplierBehaviour: { mode: 'silent' } });
});
afterAll(async () => {
  await p?.close();
});

describe('POST /webhooks/tiktok', () => {
  const shopId = () => p.tenants[0]!.simShopId;
  /** Waits until the inbox dispatcher has handed the stored notification on. */
  const handedOn = (notificationId: string) =>
    eventually(async () => {
      const r = await p.admin
        .selectFrom('webhook_inbox')
        .select('processed_at')
        .where('notification_id', '=', notificationId)
        .executeTakeFirst();
      return r?.processed_at != null;
    });

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
    [
      'a payload nested 30,000 levels deep',
      () =>
        orderNotification(shopId(), { type: 99, data: 0 }).raw.replace(
          '"data":0',
          `"data":${'['.repeat(30_000)}${']'.repeat(30_000)}`,
        ),
    ],
    // A date no calendar can print: stored, it failed routing on every attempt, forever.
    [
      'an expiration_time of 1e20',
      () => orderNotification(shopId(), { type: 7, data: { expiration_time: 1e20 } }).raw,
    ],
    [
      'a negative expiration_time',
      () => orderNotification(shopId(), { type: 7, data: { expiration_time: -1 } }).raw,
    ],
    ['a timestamp of 1e20', () => orderNotification(shopId(), { timestamp: 1e20 }).raw],
    [
      'a timestamp that is not a number',
      () => orderNotification(shopId(), { timestamp: 'now' }).raw,
    ],
    [
      'an update_time of 1e20',
      () =>
        orderNotification(shopId(), {
          data: { order_id: '5764', order_status: 'AWAITING_SHIPMENT', update_time: 1e20 },
        }).raw,
    ],
    ['a negative type', () => orderNotification(shopId(), { type: -1 }).raw],
  ];

  it.each(malformed)('refuses a signed body with %s: 400 WEBHOOK_MALFORMED', async (_, body) => {
    const raw = body();
    const before = await snapshot(p);
    const res = await postWebhook(p, raw, signed(raw));
    await expectError(res, 400, 'WEBHOOK_MALFORMED');
    expect(await snapshot(p)).toEqual(before);
  });

  // jsonb cannot store U+0000 nor an unpaired surrogate, and text parameters cannot carry
  // U+0000: refuse before the database, naming where the character is.
  const invalidText: Array<[string, () => string, string]> = [
    [
      'a NUL character in a payload string',
      () => orderNotification(shopId(), { type: 99, data: { note: 'a\u0000b' } }).raw,
      'data.note',
    ],
    ['a NUL character in the shop id', () => orderNotification(`${shopId()}\u0000`).raw, 'shop_id'],
    [
      'an unpaired surrogate in a payload string',
      () => orderNotification(shopId(), { type: 99, data: { note: 'a\ud800' } }).raw,
      'data.note',
    ],
    [
      'an unpaired surrogate in a key',
      () => orderNotification(shopId(), { type: 99, data: { 'k\udfff': 1 } }).raw,
      'data.k\ufffd',
    ],
    [
      'an unpaired surrogate in an array',
      () =>
        orderNotification(shopId(), { type: 4, data: { package_list: [{ package_id: '\ud800' }] } })
          .raw,
      'data.package_list[0].package_id',
    ],
  ];

  it.each(invalidText)(
    'refuses a signed body with %s: 400 INPUT_INVALID_TEXT',
    async (_, body, path) => {
      const raw = body();
      const before = await snapshot(p);
      const res = await postWebhook(p, raw, signed(raw));
      const err = await expectError(res, 400, 'INPUT_INVALID_TEXT');
      expect(err.details).toEqual({ path });
      expect(await snapshot(p)).toEqual(before);
    },
  );

  // TikTok's signature covers no timestamp (reference §3): the window is defence in depth
  // against replays of old captured notifications.
  it.each([
    ['from the year 2000', () => 946_684_800],
    ['37 hours old', () => nowSec() - 37 * 3600],
    ['an hour in the future', () => nowSec() + 3600],
    ['of 0 (missing)', () => 0],
  ])('refuses a signed notification with a timestamp %s: 400 WEBHOOK_STALE', async (_, ts) => {
    const n = orderNotification(shopId(), { timestamp: ts() });
    const before = await snapshot(p);
    await expectError(await postWebhook(p, n.raw, signed(n.raw)), 400, 'WEBHOOK_STALE');
    expect(await snapshot(p)).toEqual(before);
    await expectNoWorkflow(p, n.orderId);
  });

  it("accepts a notification as old as TikTok's last retry (~15.5 h after the first push)", async () => {
    const lastRetry = 2 * 60 + 30 * 60 + 3 * 3600 + 12 * 3600 + 60;
    const n = orderNotification(shopId(), {
      type: 99,
      timestamp: nowSec() - lastRetry,
    });
    const res = await postWebhook(p, n.raw, signed(n.raw));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'accepted' });
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
    await handedOn(n.payload.tts_notification_id);
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
      .select(['type', 'tenant_id'])
      .where('notification_id', '=', n.payload.tts_notification_id)
      .executeTakeFirstOrThrow();
    expect(row.type).toBe(99);
    expect(row.tenant_id).toBe(p.tenants[0]!.tenantId);
    // Handed on after the 200, by the inbox dispatcher: marked, and nothing started.
    await handedOn(n.payload.tts_notification_id);
    await expectNoWorkflow(p, n.orderId);
  });
});
