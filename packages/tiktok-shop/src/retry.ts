/** Backoff settings; defaults follow reference §6 (1 s doubling, cap ~60 s, ~5 tries). */
export interface RetryOptions {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 5, baseMs: 1000, capMs: 60_000 };

/**
 * Delay before attempt `attempt + 1` (attempt is 1-based). Full jitter spreads retries of many
 * workers that were throttled together; a server-given Retry-After is a floor we never undercut.
 */
export function backoffDelayMs(
  attempt: number,
  opts: RetryOptions,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
