import type { Rate } from './policy.ts';

/** `ok`, or how long until the request would fit. */
export type Take = { ok: true } | { ok: false; retryAfterS: number };

/**
 * Token buckets by key, in this process's memory.
 *
 * Several api replicas each keep their own buckets, so a client spread over N replicas by the
 * load balancer gets up to N times the rate: set the rate per replica accordingly. A shared
 * store (Redis with an atomic script, or a PostgreSQL row per key) would enforce one rate across
 * replicas, at the price of a network round trip on every request and a decision about what
 * to do when the store is down (fail open for tenants, closed for failed logins).
 *
 * Memory is bounded: keys are kept in least-recently-used order and the oldest are dropped past
 * `maxKeys`. A dropped key starts again with a full bucket, which errs on the lenient side.
 */
export class TokenBuckets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly rate: Rate,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes `cost` tokens from `key`'s bucket if it holds them; takes nothing otherwise. */
  take(key: string, cost = 1): Take {
    const bucket = this.#refill(key);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { ok: true };
    }
    return { ok: false, retryAfterS: this.#secondsUntil(bucket.tokens, cost) };
  }

  /** Whether `key` could take `cost` now, without taking anything. */
  peek(key: string, cost = 1): Take {
    const bucket = this.#refill(key);
    return bucket.tokens >= cost
      ? { ok: true }
      : { ok: false, retryAfterS: this.#secondsUntil(bucket.tokens, cost) };
  }

  #refill(key: string) {
    const now = this.now();
    const { perSecond, burst } = this.rate;
    const held = this.#buckets.get(key);
    const tokens = held
      ? Math.min(burst, held.tokens + ((now - held.at) / 1000) * perSecond)
      : burst;
    const bucket = { tokens, at: now };
    // Re-inserting moves the key to the end: the Map's order is least recently used first.
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    return bucket;
  }

  #secondsUntil(tokens: number, cost: number): number {
    // A cost above the burst can never be met; the caller learns when the bucket is full.
    const needed = Math.min(cost, this.rate.burst) - tokens;
    return Math.max(1, Math.ceil(needed / this.rate.perSecond));
  }
}
