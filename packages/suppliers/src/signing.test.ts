import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeWebhookSecret,
  generateWebhookSecret,
  signSupplierWebhook,
  verifySupplierWebhook,
} from './signing.ts';

const NOW_MS = 1_764_000_000_000;
const TS = NOW_MS / 1000;

function headersFor(id: string, timestamp: number, signature: string) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
  };
}

describe('signSupplierWebhook', () => {
  it('matches an HMAC computed independently from the literal signed string', () => {
    const keyBytes = Buffer.from('switchyard-test-key-0123456789ab', 'utf8');
    const secret = `whsec_${keyBytes.toString('base64')}`;
    const body = '{"type":"order.dispatched","dispatch_id":"d_1"}';
    const expected = createHmac('sha256', keyBytes)
      .update('d_1.1764000000.{"type":"order.dispatched","dispatch_id":"d_1"}')
      .digest('base64');

    const signature = signSupplierWebhook({ secret, id: 'd_1', timestamp: 1764000000, body });

    expect(signature).toBe(`v1,${expected}`);
  });

  it('signs once per secret during a key rotation', () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
    const both = signSupplierWebhook({ secret: [a, b], id: 'd_1', timestamp: TS, body: '{}' });
    expect(both.split(' ')).toEqual([
      signSupplierWebhook({ secret: a, id: 'd_1', timestamp: TS, body: '{}' }),
      signSupplierWebhook({ secret: b, id: 'd_1', timestamp: TS, body: '{}' }),
    ]);
  });

  it('refuses secrets that are not whsec_<base64>', () => {
    expect(() => decodeWebhookSecret('not-a-secret')).toThrow(/whsec_/);
    expect(() => decodeWebhookSecret('whsec_%%%')).toThrow(/whsec_/);
  });
});

describe('verifySupplierWebhook', () => {
  const secret = generateWebhookSecret();
  const body = '{"hello":"world"}';
  const signature = signSupplierWebhook({ secret, id: 'd_1', timestamp: TS, body });

  it('accepts its own signature (round trip), with Headers or a plain record', () => {
    const headers = headersFor('d_1', TS, signature);
    expect(verifySupplierWebhook({ secret, headers, body, now: NOW_MS })).toEqual({
      ok: true,
      id: 'd_1',
      timestamp: TS,
    });
    const fetchHeaders = new Headers(headers);
    expect(verifySupplierWebhook({ secret, headers: fetchHeaders, body, now: NOW_MS }).ok).toBe(
      true,
    );
  });

  it('rejects a tampered body, id or timestamp', () => {
    const check = (h: Record<string, string>, b: string) =>
      verifySupplierWebhook({ secret, headers: h, body: b, now: NOW_MS });
    expect(check(headersFor('d_1', TS, signature), '{"hello":"World"}')).toEqual({
      ok: false,
      reason: 'no_matching_signature',
    });
    expect(check(headersFor('d_2', TS, signature), body).ok).toBe(false);
    expect(check(headersFor('d_1', TS + 1, signature), body).ok).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    const other = signSupplierWebhook({
      secret: generateWebhookSecret(),
      id: 'd_1',
      timestamp: TS,
      body,
    });
    const result = verifySupplierWebhook({
      secret,
      headers: headersFor('d_1', TS, other),
      body,
      now: NOW_MS,
    });
    expect(result).toEqual({ ok: false, reason: 'no_matching_signature' });
  });

  it('rejects timestamps outside ±5 minutes and accepts the edge', () => {
    const at = (deltaSec: number) =>
      verifySupplierWebhook({
        secret,
        headers: headersFor('d_1', TS, signature),
        body,
        now: NOW_MS + deltaSec * 1000,
      });
    expect(at(300).ok).toBe(true);
    expect(at(-300).ok).toBe(true);
    expect(at(301)).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
    expect(at(-301)).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
  });

  it('accepts any one matching signature among several (key rotation)', () => {
    const oldSecret = generateWebhookSecret();
    const rotated = signSupplierWebhook({
      secret: [oldSecret, secret],
      id: 'd_1',
      timestamp: TS,
      body,
    });
    const headers = headersFor('d_1', TS, `v2,garbage ${rotated}`);
    expect(verifySupplierWebhook({ secret, headers, body, now: NOW_MS }).ok).toBe(true);
    expect(verifySupplierWebhook({ secret: oldSecret, headers, body, now: NOW_MS }).ok).toBe(true);
  });

  it('ignores non-v1 schemes and malformed entries', () => {
    const raw = signature.slice('v1,'.length);
    const headers = headersFor('d_1', TS, `v1a,${raw} v1, ,,`);
    expect(verifySupplierWebhook({ secret, headers, body, now: NOW_MS }).ok).toBe(false);
  });

  it('reports missing headers and non-numeric timestamps', () => {
    expect(verifySupplierWebhook({ secret, headers: {}, body, now: NOW_MS })).toEqual({
      ok: false,
      reason: 'missing_headers',
    });
    const headers = { ...headersFor('d_1', TS, signature), 'webhook-timestamp': '17e8' };
    expect(verifySupplierWebhook({ secret, headers, body, now: NOW_MS })).toEqual({
      ok: false,
      reason: 'invalid_timestamp',
    });
  });
});
