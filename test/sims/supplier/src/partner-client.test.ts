import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPartnerClient, type PartnerCall } from './partner-client.ts';

/** A partner API that answers `503 Retry-After: 5` until its last answer, a 200. */
function busyApi(answers: number[]) {
  const calls: number[] = [];
  const fetch = (async () => {
    calls.push(Date.now());
    const status = answers.shift() ?? 200;
    return new Response('{}', { status, headers: status === 503 ? { 'retry-after': '5' } : {} });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('partner client in compressed time (issue 10, seller outcome simulation)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('divides its backoff and the platform Retry-After by the time scale', async () => {
    vi.useFakeTimers();
    const api = busyApi([503, 503, 200]);
    const log: PartnerCall[] = [];
    const client = createPartnerClient({
      fetch: api.fetch,
      now: Date.now,
      config: () => ({ url: 'http://partner.test/partner/v1', key: 'k' }),
      log: (c) => log.push(c),
      signal: new AbortController().signal,
      maxAttempts: 12,
      // Simulated: 30 s, then 60 s; Retry-After (5 s) is only a floor.
      backoffMs: (n) => 30_000 * 2 ** (n - 1),
      maxBackoffMs: 600_000,
      retryAfter: 'floor',
      timeScale: 1000,
    });
    const sent = client.post('', '/dispatches/d1/shipment', {}, 'd1:ship');
    await vi.advanceTimersByTimeAsync(29);
    expect(api.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(59);
    expect(api.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(await sent).toBe(200);
    expect(log.map((c) => c.status)).toEqual([503, 503, 200]);
  });

  it('takes Retry-After in place of its backoff by default, unscaled at scale 1', async () => {
    vi.useFakeTimers();
    const api = busyApi([503, 200]);
    const client = createPartnerClient({
      fetch: api.fetch,
      now: Date.now,
      config: () => ({ url: 'http://partner.test/partner/v1', key: 'k' }),
      log: () => undefined,
      signal: new AbortController().signal,
      maxAttempts: 8,
      backoffMs: () => 60_000,
    });
    const sent = client.post('', '/dispatches/d1/ack', {}, 'd1:ack');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(api.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await sent).toBe(200);
  });
});
