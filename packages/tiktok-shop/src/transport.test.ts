import { describe, expect, it } from 'vitest';
import { createTikTokShopClient } from './client.ts';
import { backoffDelayMs } from './retry.ts';
import type { CallRecord } from './transport.ts';

const auth = { accessToken: 'TTP_a', shopCipher: 'ROW_c' };
const okBody = {
  code: 0,
  message: 'Success',
  request_id: 'r',
  data: { shipping_providers: [{ id: '1', name: 'USPS' }] },
};

function scripted(responses: Array<() => Response>) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    const next = responses.shift();
    if (!next) throw new Error('no more scripted responses');
    return next();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

function client(fetch: typeof globalThis.fetch, sleeps: number[], records: CallRecord[] = []) {
  let t = 1_700_000_000_000;
  return createTikTokShopClient({
    apiBaseUrl: 'https://api.example',
    authBaseUrl: 'https://auth.example',
    appKey: 'k',
    appSecret: 's',
    fetch,
    now: () => t,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    onCall: (r) => records.push(r),
    retry: { maxAttempts: 4, baseMs: 1000, capMs: 8000 },
  });
}

describe('retry and backoff', () => {
  it('full jitter is bounded by min(cap, base * 2^(n-1)) and Retry-After is a floor', () => {
    const o = { maxAttempts: 5, baseMs: 1000, capMs: 60_000 };
    expect(backoffDelayMs(1, o, () => 0.999)).toBe(999);
    expect(backoffDelayMs(3, o, () => 0.5)).toBe(2000);
    expect(backoffDelayMs(10, o, () => 0.5)).toBe(30_000);
    expect(backoffDelayMs(1, o, () => 0, 5000)).toBe(5000);
  });

  it('retries 429 honouring Retry-After, then 5xx with jitter, re-signing each attempt', async () => {
    const { fetch, calls } = scripted([
      json(429, { code: 36009002, message: 'Too many requests' }, { 'retry-after': '7' }),
      json(500, { code: 36009003, message: 'Internal error' }),
      json(200, okBody),
    ]);
    const sleeps: number[] = [];
    const records: CallRecord[] = [];
    const providers = await client(fetch, sleeps, records).getShippingProviders(auth, '123');
    expect(providers).toEqual([{ id: '1', name: 'USPS' }]);
    expect(sleeps).toEqual([7000, 1000]); // Retry-After 7 s; then 0.5 * min(8000, 2000)
    const ts = calls.map((c) => new URL(c.url).searchParams.get('timestamp'));
    expect(new Set(ts).size).toBe(3); // fresh timestamp (and sign) per attempt
    expect(records.map((r) => [r.attempt, r.httpStatus, r.ttsCode, r.error?.code])).toEqual([
      [1, 429, 36009002, 'TTS_RATE_LIMITED'],
      [2, 500, 36009003, 'TTS_INTERNAL'],
      [3, 200, 0, undefined],
    ]);
    expect(records[2]?.endpoint).toBe(
      '/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers',
    );
  });

  it('gives up after maxAttempts with the last error', async () => {
    const { fetch, calls } = scripted(
      Array.from({ length: 4 }, () => json(503, { code: 36009003 })),
    );
    const sleeps: number[] = [];
    await expect(client(fetch, sleeps).getShippingProviders(auth, '1')).rejects.toMatchObject({
      code: 'TTS_INTERNAL',
      retryable: true,
    });
    expect(calls).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it('does not retry non-retryable errors, nor network errors on non-idempotent writes', async () => {
    const bad = scripted([json(400, { code: 21011022, message: 'invalid tracking' })]);
    await expect(
      client(bad.fetch, []).markPackageShipped(auth, '1', {
        trackingNumber: 'x',
        shippingProviderId: '1',
      }),
    ).rejects.toMatchObject({ code: 'TTS_INVALID_TRACKING' });
    expect(bad.calls).toHaveLength(1);

    const down = scripted([
      () => {
        throw new TypeError('fetch failed');
      },
    ]);
    await expect(
      client(down.fetch, []).markPackageShipped(auth, '1', {
        trackingNumber: 'x',
        shippingProviderId: '1',
      }),
    ).rejects.toMatchObject({ code: 'TTS_NETWORK', retryable: false });
    expect(down.calls).toHaveLength(1);
  });

  it('retries network errors on reads', async () => {
    const flaky = scripted([
      () => {
        throw new TypeError('fetch failed');
      },
      json(200, okBody),
    ]);
    await expect(client(flaky.fetch, []).getShippingProviders(auth, '1')).resolves.toHaveLength(1);
    expect(flaky.calls).toHaveLength(2);
  });

  it('treats HTTP 200 with a non-zero code as an error and HTML error pages by status', async () => {
    const a = scripted([json(200, { code: 105002, message: 'expired' })]);
    await expect(client(a.fetch, []).getShippingProviders(auth, '1')).rejects.toMatchObject({
      code: 'TTS_TOKEN_EXPIRED',
    });
    const b = scripted([
      () => new Response('<html>bad gateway</html>', { status: 502 }),
      json(200, okBody),
    ]);
    await expect(client(b.fetch, []).getShippingProviders(auth, '1')).resolves.toHaveLength(1);
  });

  it('sends the signed body bytes and the token header, never the token in the query', async () => {
    const { fetch, calls } = scripted([json(200, { code: 0, data: { package_id: 'p1' } })]);
    await client(fetch, []).markPackageShipped(auth, 'o1', {
      trackingNumber: 't',
      shippingProviderId: 'p',
    });
    const call = calls[0];
    if (!call) throw new Error('no call made');
    const url = new URL(call.url);
    expect(url.pathname).toBe('/fulfillment/202309/orders/o1/packages');
    expect(url.searchParams.get('shop_cipher')).toBe('ROW_c');
    expect(url.searchParams.has('access_token')).toBe(false);
    const headers = (call.init?.headers ?? {}) as Record<string, string>;
    expect(headers['x-tts-access-token']).toBe('TTP_a');
    expect(call.init?.body).toBe('{"tracking_number":"t","shipping_provider_id":"p"}');
  });

  it('sends Content-Type: application/json on every call, GETs and token calls included', async () => {
    const { fetch, calls } = scripted([
      json(200, okBody),
      json(200, { code: 0, data: { shops: [] } }),
      json(200, {
        code: 0,
        data: {
          access_token: 'TTP_n',
          access_token_expire_in: 1_800_000_000,
          refresh_token: 'TTP_r',
          refresh_token_expire_in: 1_900_000_000,
        },
      }),
    ]);
    const c = client(fetch, []);
    await c.getShippingProviders(auth, '1');
    await c.getAuthorizedShops('TTP_a');
    await c.refreshToken('TTP_r');
    expect(calls.map((x) => x.init?.method)).toEqual(['GET', 'GET', 'GET']);
    for (const x of calls) {
      const headers = (x.init?.headers ?? {}) as Record<string, string>;
      expect(headers['content-type']).toBe('application/json');
      expect(x.init?.body).toBeUndefined();
    }
  });
});
