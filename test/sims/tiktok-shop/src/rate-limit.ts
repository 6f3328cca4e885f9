/** Token bucket per key (app × shop), on the sim clock so tests can refill it with advance(). */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  /** Returns 0 when allowed, else ms until one token is available (the Retry-After). */
  take(key: string, nowMs: number, cfg: { perSecond: number; burst: number }): number {
    const b = this.buckets.get(key) ?? { tokens: cfg.burst, at: nowMs };
    b.tokens = Math.min(cfg.burst, b.tokens + ((nowMs - b.at) / 1000) * cfg.perSecond);
    b.at = nowMs;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / cfg.perSecond) * 1000);
  }
}
