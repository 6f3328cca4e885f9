/**
 * How old (or how far ahead of our clock) a notification's `timestamp` may be. TikTok signs the
 * body without a timestamp (reference §3), so a captured notification verifies forever; the
 * window is defence in depth against such replays, on top of deduplication by notification id.
 *
 * TikTok retries an unanswered notification at ~2 min, 30 min, 3 h and 12 h, resending the
 * same body: the last retry carries a timestamp ~15.5 h old. A day plus margin keeps every
 * retry inside. Refusing a stale notification loses nothing: the reconciliation poll (R-IN-2)
 * finds the order it was about, as it does for notifications TikTok never delivers.
 */
export const WEBHOOK_MAX_AGE_S = 36 * 60 * 60;
/** Clock skew between TikTok and us; more than this ahead is not a real push time. */
export const WEBHOOK_MAX_AHEAD_S = 5 * 60;

/** Whether a push time is inside the window: `stale` when too old, `ahead` when in the future. */
export function webhookFreshness(timestampS: number, nowMs: number): 'fresh' | 'stale' | 'ahead' {
  const ageS = nowMs / 1000 - timestampS;
  if (ageS > WEBHOOK_MAX_AGE_S) return 'stale';
  if (ageS < -WEBHOOK_MAX_AHEAD_S) return 'ahead';
  return 'fresh';
}
