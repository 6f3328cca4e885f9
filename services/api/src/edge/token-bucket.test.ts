import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket.ts';

function clocked(rate = { perSecond: 2, burst: 4 }, maxKeys?: number) {
  const clock = { ms: 0 };
  return { clock, buckets: new TokenBuckets(rate, maxKeys, () => clock.ms) };
}

describe('TokenBuckets', () => {
  it('allows a burst, then refuses with the seconds until one more request fits', () => {
    const { buckets } = clocked();
    expect([1, 2, 3, 4].map(() => buckets.take('a').ok)).toEqual([true, true, true, true]);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterS: 1 });
  });

  it('refills at the rate, never above the burst', () => {
    const { clock, buckets } = clocked();
    for (let i = 0; i < 4; i++) buckets.take('a');
    clock.ms += 1000; // two tokens back
    expect([buckets.take('a').ok, buckets.take('a').ok, buckets.take('a').ok]).toEqual([
      true,
      true,
      false,
    ]);
    clock.ms += 60_000;
    expect(buckets.take('a', 4).ok).toBe(true);
    expect(buckets.take('a').ok).toBe(false);
  });

  it('charges a cost at once or not at all, and says how long a cost takes to fit', () => {
    const { buckets } = clocked({ perSecond: 0.5, burst: 10 });
    expect(buckets.take('a', 8).ok).toBe(true);
    expect(buckets.take('a', 3)).toEqual({ ok: false, retryAfterS: 2 });
    expect(buckets.take('a', 2).ok).toBe(true); // the refused cost took nothing
    // A cost above the burst never fits; the wait is until the bucket is full.
    expect(buckets.take('a', 50)).toEqual({ ok: false, retryAfterS: 20 });
  });

  it('peeks without taking, and keeps keys apart', () => {
    const { buckets } = clocked({ perSecond: 1, burst: 1 });
    expect(buckets.peek('a').ok).toBe(true);
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.peek('a')).toEqual({ ok: false, retryAfterS: 1 });
    expect(buckets.take('b').ok).toBe(true);
  });

  it('forgets the least recently used key past maxKeys (it starts again full)', () => {
    const { buckets } = clocked({ perSecond: 1, burst: 1 }, 2);
    buckets.take('a');
    buckets.take('b');
    buckets.take('a'); // a is now the most recently used
    buckets.take('c'); // evicts b
    expect(buckets.take('b').ok).toBe(true);
    expect(buckets.take('c').ok).toBe(false);
  });
});
