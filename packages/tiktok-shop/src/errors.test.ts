import { describe, expect, it } from 'vitest';
import { mapError, parseRetryAfter, TikTokShopError } from './errors.ts';

describe('mapError', () => {
  it.each([
    [401, 105002, 'TTS_TOKEN_EXPIRED', false],
    [401, 106001, 'TTS_INVALID_SIGN', false],
    [403, 105005, 'TTS_MISSING_SCOPE', false],
    [400, 106013, 'TTS_SHOP_CIPHER_REQUIRED', false],
    [403, 101000, 'TTS_BAD_TOKEN_FOR_SHOP', false],
    [429, 36009002, 'TTS_RATE_LIMITED', true],
    [200, 36009002, 'TTS_RATE_LIMITED', true],
    [500, 36009003, 'TTS_INTERNAL', true],
    [504, 36009007, 'TTS_TIMEOUT', true],
    [400, 36004004, 'TTS_INVALID_AUTH_CODE', false],
    [400, 36009004, 'TTS_BAD_REQUEST', false],
    [400, 21011022, 'TTS_INVALID_TRACKING', false],
    [200, 21011022, 'TTS_INVALID_TRACKING', false],
    [404, 99999999, 'TTS_BAD_REQUEST', false],
    [503, 99999999, 'TTS_INTERNAL', true],
    [200, 99999999, 'TTS_UNKNOWN', false],
  ] as const)('HTTP %i code %i → %s', (status, code, expected, retryable) => {
    const e = mapError(status, { code, message: 'msg', request_id: 'r1' });
    expect(e).toBeInstanceOf(TikTokShopError);
    expect(e.code).toBe(expected);
    expect(e.ttsCode).toBe(code);
    expect(e.httpStatus).toBe(status);
    expect(e.retryable).toBe(retryable);
    expect(e.requestId).toBe('r1');
  });

  it('classifies by HTTP status when there is no envelope (proxy error pages)', () => {
    expect(mapError(429, undefined).code).toBe('TTS_RATE_LIMITED');
    expect(mapError(502, undefined)).toMatchObject({
      code: 'TTS_INTERNAL',
      retryable: true,
      ttsCode: undefined,
    });
    expect(mapError(418, undefined).code).toBe('TTS_BAD_REQUEST');
  });

  it('reads Retry-After from Headers or a plain object, in seconds or as an HTTP date', () => {
    expect(
      mapError(429, { code: 36009002 }, new Headers({ 'Retry-After': '3' })).retryAfterMs,
    ).toBe(3000);
    expect(mapError(429, { code: 36009002 }, { 'retry-after': '1.5' }).retryAfterMs).toBe(1500);
    expect(mapError(429, { code: 36009002 }, {}).retryAfterMs).toBeUndefined();
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('garbage', now)).toBeUndefined();
  });

  it('reads the catch-all 36009004 by its message: a token TikTok refuses, or a bad request', () => {
    const of = (message: string) => mapError(401, { code: 36009004, message });
    for (const m of [
      'Invalid credentials: access token is invalid',
      'The access_token is revoked',
      'ACCESS-TOKEN EXPIRED OR REVOKED',
      'x-tts-access-token is missing',
      'Invalid credentials: refresh token is invalid or revoked',
      'invalid refresh_token',
    ])
      expect(of(m), m).toMatchObject({ code: 'TTS_TOKEN_INVALID', retryable: false });
    for (const m of [
      'Invalid timestamp',
      'Missing credentials',
      'Invalid app_key',
      'Unexpected identifier: shop_cipher',
      'Invalid page_token',
      'Invalid request body: page_size must be between 1 and 100',
    ])
      expect(of(m), m).toMatchObject({ code: 'TTS_BAD_REQUEST', retryable: false });
    expect(mapError(400, { code: 36009004 }).code).toBe('TTS_BAD_REQUEST'); // no message at all
  });

  it('accepts numeric codes sent as strings', () => {
    expect(mapError(401, { code: '105002' }).code).toBe('TTS_TOKEN_EXPIRED');
  });
});
