import { toStorableText } from '@switchyard/domain';
import type { Logger } from '@switchyard/observability';
import { isTransient } from './transient.ts';

/** Failed routing attempts after which a stored notification is parked for an operator. */
export const INBOX_MAX_ATTEMPTS = 5;

/** First wait before an entry whose routing failed for a reason of its own is tried again. */
export const INBOX_RETRY_BASE_MS = 10_000;

type Entry = { tenantId: string; shopId: string; notificationId: string; attempts: number };

/** What to record of one hand-on; `transient` failures are the platform's own, not the entry's. */
export type HandOnResult =
  | { outcome: 'routed' }
  | {
      outcome: 'failed' | 'parked';
      transient: boolean;
      error: string;
      /** When the entry is due again; null: as soon as the dispatcher tries again. */
      retryAt: Date | null;
    };

/**
 * Hands a stored notification on (R-IN-1) and says what to record of it; the dispatcher writes
 * that in the transaction that claimed the entry. A failure is counted on the entry with its
 * error; the order itself is also picked up by the reconciliation poll (R-IN-2). A failure of
 * the entry's own is tried again after 10 s, 20 s, 40 s …, and after INBOX_MAX_ATTEMPTS the
 * entry is parked; one that is the platform's own (Temporal or the database unreachable) heals,
 * so it is retried without limit, paced by the dispatcher's backoff. Never throws.
 *
 * The inbox is the edge's own delivery guarantee (stored before the 200, handed on at least
 * once), so it stays here; what a notification means is `route`'s (routeMarketplaceEvent).
 */
export async function handOn(
  log: Logger,
  entry: Entry,
  route: (scope: { tenantId: string; shopId: string }) => Promise<void>,
  now: () => number = Date.now,
): Promise<HandOnResult> {
  const { tenantId, shopId, notificationId } = entry;
  try {
    await route({ tenantId, shopId });
    return { outcome: 'routed' };
  } catch (err) {
    const attempts = entry.attempts + 1;
    const transient = isTransient(err);
    const park = attempts >= INBOX_MAX_ATTEMPTS && !transient;
    const error = toStorableText(String((err as Error)?.message ?? err).slice(0, 1000));
    const fields = { err, notificationId, attempts };
    if (park) log.error(fields, 'inbox entry parked: routing keeps failing');
    else log.warn(fields, 'inbox routing failed, will retry');
    const retryAt =
      park || transient ? null : new Date(now() + INBOX_RETRY_BASE_MS * 2 ** (attempts - 1));
    return { outcome: park ? 'parked' : 'failed', transient, error, retryAt };
  }
}
