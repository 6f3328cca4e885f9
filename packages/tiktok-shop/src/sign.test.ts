import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalRequestString, signRequest, signWebhook, verifyWebhook } from './sign.ts';

// Expected values are computed here from hand-written literal strings with node:crypto, so the
// tests pin the canonicalization (reference §2) rather than re-running signRequest's own logic.
const hmacHex = (key: string, msg: string) => createHmac('sha256', key).update(msg).digest('hex');

const SECRET = 'e59af819cc';

describe('signRequest (reference §2)', () => {
  it('signs the documented example: path + app_key + timestamp, wrapped in the secret', () => {
    const literal = `${SECRET}/authorization/202309/shopsapp_key29a39dtimestamp1623812664${SECRET}`;
    const query = { app_key: '29a39d', timestamp: '1623812664' };
    expect(
      canonicalRequestString({ appSecret: SECRET, path: '/authorization/202309/shops', query }),
    ).toBe(literal);
    const sign = signRequest({ appSecret: SECRET, path: '/authorization/202309/shops', query });
    expect(sign).toBe(hmacHex(SECRET, literal));
    expect(sign).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sorts keys by byte order regardless of insertion order', () => {
    const query = {
      timestamp: '1623812664',
      shop_cipher: 'ROW_abc',
      page_size: '20',
      app_key: '29a39d',
    };
    const literal = `${SECRET}/order/202309/orders/searchapp_key29a39dpage_size20shop_cipherROW_abctimestamp1623812664${SECRET}`;
    expect(signRequest({ appSecret: SECRET, path: '/order/202309/orders/search', query })).toBe(
      hmacHex(SECRET, literal),
    );
  });

  it('appends the exact body string after the parameters', () => {
    const body = '{"order_status":"AWAITING_SHIPMENT", "update_time_ge":1623812000}';
    const query = { app_key: '29a39d', timestamp: '1623812664', page_size: '50' };
    const literal = `${SECRET}/order/202309/orders/searchapp_key29a39dpage_size50timestamp1623812664${body}${SECRET}`;
    const sign = signRequest({
      appSecret: SECRET,
      path: '/order/202309/orders/search',
      query,
      body,
    });
    expect(sign).toBe(hmacHex(SECRET, literal));
    // A re-serialized body (whitespace dropped) must give a different signature.
    const reserialized = JSON.stringify(JSON.parse(body));
    expect(
      signRequest({
        appSecret: SECRET,
        path: '/order/202309/orders/search',
        query,
        body: reserialized,
      }),
    ).not.toBe(sign);
  });

  it('excludes sign and access_token, and ignores the body of multipart uploads', () => {
    const base = { app_key: '29a39d', timestamp: '1623812664' };
    const literal = `${SECRET}/authorization/202309/shopsapp_key29a39dtimestamp1623812664${SECRET}`;
    const withExtras = { ...base, sign: 'deadbeef', access_token: 'TTP_x' };
    expect(
      signRequest({ appSecret: SECRET, path: '/authorization/202309/shops', query: withExtras }),
    ).toBe(hmacHex(SECRET, literal));
    expect(
      signRequest({
        appSecret: SECRET,
        path: '/authorization/202309/shops',
        query: base,
        body: '--boundary--',
        multipart: true,
      }),
    ).toBe(hmacHex(SECRET, literal));
  });

  it('treats an empty body like no body, and list params as one comma-joined value', () => {
    const query = {
      app_key: '29a39d',
      ids: '576486316948490001,576486316948490002',
      timestamp: '1623812664',
    };
    const literal = `${SECRET}/order/202309/ordersapp_key29a39dids576486316948490001,576486316948490002timestamp1623812664${SECRET}`;
    expect(signRequest({ appSecret: SECRET, path: '/order/202309/orders', query, body: '' })).toBe(
      hmacHex(SECRET, literal),
    );
  });
});

describe('webhook signature (reference §3)', () => {
  const appKey = '29a39d';
  const body =
    '{"type":1,"tts_notification_id":"7327","shop_id":"7494","timestamp":1623812664,"data":{}}';
  const good = hmacHex(SECRET, appKey + body);

  it('is HMAC(app_secret, app_key + raw body) in lowercase hex', () => {
    expect(signWebhook(appKey, SECRET, body)).toBe(good);
    expect(signWebhook(appKey, SECRET, Buffer.from(body))).toBe(good);
  });

  it('verifies a good signature and rejects tampering, wrong key and junk', () => {
    expect(verifyWebhook({ appKey, appSecret: SECRET, rawBody: body, signature: good })).toBe(true);
    expect(
      verifyWebhook({ appKey, appSecret: SECRET, rawBody: body, signature: good.toUpperCase() }),
    ).toBe(true);
    expect(verifyWebhook({ appKey, appSecret: SECRET, rawBody: `${body} `, signature: good })).toBe(
      false,
    );
    expect(verifyWebhook({ appKey, appSecret: 'other', rawBody: body, signature: good })).toBe(
      false,
    );
    expect(
      verifyWebhook({ appKey: 'other', appSecret: SECRET, rawBody: body, signature: good }),
    ).toBe(false);
    expect(
      verifyWebhook({ appKey, appSecret: SECRET, rawBody: body, signature: 'zz'.repeat(32) }),
    ).toBe(false);
    expect(
      verifyWebhook({ appKey, appSecret: SECRET, rawBody: body, signature: good.slice(0, 62) }),
    ).toBe(false);
    expect(verifyWebhook({ appKey, appSecret: SECRET, rawBody: body, signature: `${good}0` })).toBe(
      false,
    );
    expect(verifyWebhook({ appKey, appSecret: SECRET, rawBody: body, signature: '' })).toBe(false);
    expect(verifyWebhook({ appKey, appSecret: SECRET, rawBody: body, signature: undefined })).toBe(
      false,
    );
  });
});
