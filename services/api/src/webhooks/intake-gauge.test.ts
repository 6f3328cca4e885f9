import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createIntakeGauge } from './intake-gauge.ts';

describe('createIntakeGauge', () => {
  it('counts requests until they are answered, failed ones too, and stays busy for the hold', async () => {
    const clock = { ms: 0 };
    const gauge = createIntakeGauge(2, 100, () => clock.ms);
    const release: Array<() => void> = [];
    const app = new Hono()
      .post('/ok', gauge.track, async (c) => {
        await new Promise<void>((r) => release.push(r));
        return c.text('ok');
      })
      .post('/fail', gauge.track, () => {
        throw new Error('refused');
      });
    app.onError((_err, c) => c.text('refused', 400));

    const first = app.request('/ok', { method: 'POST' });
    await Promise.resolve();
    expect([gauge.inFlight(), gauge.busy()]).toEqual([1, false]);
    const second = app.request('/ok', { method: 'POST' });
    await Promise.resolve();
    expect([gauge.inFlight(), gauge.busy()]).toEqual([2, true]);

    expect((await app.request('/fail', { method: 'POST' })).status).toBe(400);
    expect(gauge.inFlight()).toBe(2);
    for (const r of release) r();
    await Promise.all([first, second]);
    // Answered, but a burst's next requests may be on their way: busy until the hold is over.
    expect([gauge.inFlight(), gauge.busy()]).toEqual([0, true]);
    clock.ms = 99;
    expect(gauge.busy()).toBe(true);
    clock.ms = 100;
    expect(gauge.busy()).toBe(false);
  });
});
