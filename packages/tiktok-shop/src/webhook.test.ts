import { describe, expect, it } from 'vitest';
import { normalizeOrderStatus, parseWebhook, WebhookPayloadError } from './webhook.ts';

const env = (type: number, data: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type,
    tts_notification_id: 'n-1',
    shop_id: '7494',
    timestamp: 1700000000,
    data,
    ...extra,
  });

describe('parseWebhook', () => {
  it('parses order status changes and normalizes CANCEL to CANCELLED', () => {
    const e = parseWebhook(
      env(1, {
        order_id: '576486316948490001',
        order_status: 'CANCEL',
        is_on_hold_order: false,
        update_time: 1700000001,
      }),
    );
    expect(e).toEqual({
      kind: 'order_status',
      notificationId: 'n-1',
      shopId: '7494',
      timestamp: 1700000000,
      orderId: '576486316948490001',
      status: 'CANCELLED',
      onHoldOrder: false,
      updateTime: 1700000001,
    });
    const same = parseWebhook(env(1, { order_id: '1', order_status: 'CANCELLED', update_time: 1 }));
    expect(same.kind === 'order_status' && same.status).toBe('CANCELLED');
  });

  it('reads a cancellation in any spelling the docs leave open as CANCELLED', () => {
    for (const spelling of ['CANCEL', 'CANCELLED', 'CANCELED', 'cancel', ' Cancelled ']) {
      const e = parseWebhook(env(1, { order_id: '1', order_status: spelling, update_time: 1 }));
      expect(e, spelling).toMatchObject({ kind: 'order_status', status: 'CANCELLED' });
    }
    expect(normalizeOrderStatus(' awaiting_shipment')).toBe('AWAITING_SHIPMENT');
  });

  it('reads is_on_hold_order as "goes through ON_HOLD", never as the current status', () => {
    // TikTok's own example: an UNPAID order with the flag set (reference §3).
    const unpaid = parseWebhook(
      env(1, { order_id: '1', order_status: 'UNPAID', is_on_hold_order: true }),
    );
    expect(unpaid).toMatchObject({ status: 'UNPAID', onHoldOrder: true });
    const released = parseWebhook(
      env(1, { order_id: '1', order_status: 'AWAITING_SHIPMENT', is_on_hold_order: true }),
    );
    expect(released).toMatchObject({ status: 'AWAITING_SHIPMENT', onHoldOrder: true });
  });

  it('parses the other topics', () => {
    expect(parseWebhook(env(3, { order_id: '9', update_time: 5 }))).toMatchObject({
      kind: 'address_update',
      orderId: '9',
      updateTime: 5,
    });
    expect(
      parseWebhook(
        env(4, {
          sc_type: 'SPLIT',
          role_type: 'ROLE_SELLER',
          package_list: [{ package_id: 'p1', order_id_list: ['9'] }],
          update_time: 6,
        }),
      ),
    ).toMatchObject({
      kind: 'package_update',
      scType: 'SPLIT',
      packages: [{ packageId: 'p1', orderIds: ['9'] }],
    });
    expect(parseWebhook(env(6, { message: 'seller deauthorized' }))).toMatchObject({
      kind: 'deauthorization',
      message: 'seller deauthorized',
    });
    expect(parseWebhook(env(7, { message: 'soon', expiration_time: 1800000000 }))).toMatchObject({
      kind: 'authorization_expiring',
      expirationTime: 1800000000,
    });
    expect(
      parseWebhook(
        env(11, {
          order_id: '9',
          cancel_status: 'CANCELLATION_REQUEST_PENDING',
          cancel_id: 'c1',
          create_time: 7,
        }),
      ),
    ).toMatchObject({
      kind: 'cancellation',
      orderId: '9',
      cancelStatus: 'CANCELLATION_REQUEST_PENDING',
      cancelId: 'c1',
    });
  });

  it('returns ignored for unknown types instead of failing', () => {
    expect(parseWebhook(env(42, { anything: true }))).toMatchObject({ kind: 'ignored', type: 42 });
    expect(parseWebhook(env(5, {}))).toMatchObject({ kind: 'ignored', type: 5 });
  });

  it('derives a stable notification id when tts_notification_id is absent (R-IN-1 dedupe)', () => {
    const body = (status: string) =>
      JSON.stringify({
        type: 1,
        shop_id: '7494',
        timestamp: 1,
        data: { order_id: '9', order_status: status, update_time: 5 },
      });
    const a = parseWebhook(body('AWAITING_SHIPMENT'));
    const again = parseWebhook(body('AWAITING_SHIPMENT'));
    const other = parseWebhook(body('IN_TRANSIT'));
    expect(a.notificationId).toMatch(/^derived-[0-9a-f]{32}$/);
    expect(again.notificationId).toBe(a.notificationId);
    expect(other.notificationId).not.toBe(a.notificationId);
    // CANCEL and CANCELLED are the same event and must dedupe together.
    expect(parseWebhook(body('CANCEL')).notificationId).toBe(
      parseWebhook(body('CANCELLED')).notificationId,
    );
  });

  it('accepts numeric ids and string type', () => {
    const e = parseWebhook(
      JSON.stringify({
        type: '1',
        shop_id: 7494,
        data: { order_id: 12, order_status: 'IN_TRANSIT' },
      }),
    );
    expect(e).toMatchObject({
      kind: 'order_status',
      shopId: '7494',
      orderId: '12',
      status: 'IN_TRANSIT',
    });
  });

  it.each([
    ['not json', '{"type":1,'],
    ['array', '[]'],
    ['missing type', JSON.stringify({ shop_id: '1', data: {} })],
    ['missing shop_id', JSON.stringify({ type: 1, data: { order_id: '1', order_status: 'X' } })],
    ['order event without order', env(1, {})],
  ])('throws WEBHOOK_MALFORMED for %s', (_name, raw) => {
    expect(() => parseWebhook(raw)).toThrow(WebhookPayloadError);
    try {
      parseWebhook(raw);
    } catch (e) {
      expect((e as WebhookPayloadError).code).toBe('WEBHOOK_MALFORMED');
    }
  });

  it.each([
    ['timestamp', env(99, {}, { timestamp: 1e20 }), 'timestamp'],
    ['a negative timestamp', env(99, {}, { timestamp: -1 }), 'timestamp'],
    ['a timestamp that is not a number', env(99, {}, { timestamp: 'now' }), 'timestamp'],
    ['expiration_time', env(7, { expiration_time: 1e20 }), 'data.expiration_time'],
    [
      'update_time',
      env(1, { order_id: '1', order_status: 'AWAITING_SHIPMENT', update_time: 1e20 }),
      'data.update_time',
    ],
    ['create_time', env(11, { order_id: '1', create_time: '1e400' }), 'data.create_time'],
    ['a type beyond 32 bits', env(2 ** 31, {}), 'type'],
    ['a negative type', env(-1, {}), 'type'],
  ])('refuses %s out of range, naming the field', (_name, raw, path) => {
    expect(() => parseWebhook(raw)).toThrow(WebhookPayloadError);
    try {
      parseWebhook(raw);
    } catch (e) {
      expect((e as WebhookPayloadError).path).toBe(path);
    }
  });

  it.each([
    ['no type', JSON.stringify({ shop_id: '1', data: {} }), 'type'],
    ['a fractional type', env(1.5, {}), 'type'],
    ['no shop_id', JSON.stringify({ type: 99, data: {} }), 'shop_id'],
    ['an order event without order_id', env(1, { order_status: 'X' }), 'data.order_id'],
    ['an order event without status', env(1, { order_id: '1' }), 'data.order_status'],
    ['a cancellation without order_id', env(11, { cancel_status: 'X' }), 'data.order_id'],
  ])('names the field when a payload has %s', (_name, raw, path) => {
    expect(() => parseWebhook(raw)).toThrow(
      expect.objectContaining({
        code: 'WEBHOOK_MALFORMED',
        path,
        message: `${path} ${path === 'type' ? 'is missing or not a whole number' : 'is missing'}`,
      }),
    );
  });

  it('ignores fields it does not know and optional fields of another type', () => {
    const e = parseWebhook(
      env(4, {
        sc_type: { nested: true },
        role_type: 7,
        package_list: [{ package_id: 'p1', order_id_list: ['9', null, 10] }, 'junk'],
        update_time: '6',
        new_field: [1, 2, 3],
      }),
    );
    expect(e).toMatchObject({
      kind: 'package_update',
      scType: undefined,
      roleType: '7',
      packages: [{ packageId: 'p1', orderIds: ['9', '10'] }],
      updateTime: 6,
    });
    expect(parseWebhook(env(6, 'not an object'))).toMatchObject({ message: '' });
  });

  it('keeps the last second a calendar prints, and reads absent times as 0', () => {
    expect(parseWebhook(env(7, { expiration_time: 253_402_300_799 }))).toMatchObject({
      expirationTime: 253_402_300_799,
    });
    expect(parseWebhook(env(3, { order_id: '9' }))).toMatchObject({ updateTime: 0 });
  });
});
