import { markInboxProcessed, recordInboxFailure, withTenant } from '@switchyard/db';
import { toStorableText } from '@switchyard/domain';
import type { ApiDeps } from '../deps.ts';
import { isTransient } from './transient.ts';

/** Failed routing attempts after which a stored notification is parked for an operator. */
export const INBOX_MAX_ATTEMPTS = 5;

type Entry = { tenantId: string; shopId: string; notificationId: string; attempts: number };

/**
 * Hands a stored notification on (R-IN-1) and marks it processed. A failure is counted on the
 * inbox row with its error, and the sweep tries again later; the order itself is also picked
 * up by the reconciliation poll (R-IN-2). After INBOX_MAX_ATTEMPTS failures the entry is
 * parked, unless the failure is the platform's own (Temporal or the database unreachable):
 * that heals, so it is retried without limit. Never throws.
 *
 * The inbox is the edge's own delivery guarantee (stored before the 200, handed on at least
 * once), so it stays here; what a notification means is `route`'s (routeMarketplaceEvent).
 */
export async function handOn(
  deps: ApiDeps,
  entry: Entry,
  route: (scope: { tenantId: string; shopId: string }) => Promise<void>,
): Promise<'routed' | 'failed' | 'parked'> {
  const { tenantId, shopId, notificationId } = entry;
  try {
    await route({ tenantId, shopId });
    await withTenant(deps.db, tenantId, (trx) => markInboxProcessed(trx, notificationId));
    return 'routed';
  } catch (err) {
    const attempts = entry.attempts + 1;
    const park = attempts >= INBOX_MAX_ATTEMPTS && !isTransient(err);
    const error = toStorableText(String((err as Error)?.message ?? err).slice(0, 1000));
    const log = { err, notificationId, attempts };
    if (park) deps.log.error(log, 'inbox entry parked: routing keeps failing');
    else deps.log.warn(log, 'inbox routing failed, will retry');
    try {
      await withTenant(deps.db, tenantId, (trx) =>
        recordInboxFailure(trx, { notificationId, error, park }),
      );
    } catch (recordErr) {
      deps.log.error({ err: recordErr, notificationId }, 'inbox: could not record the failure');
    }
    return park ? 'parked' : 'failed';
  }
}
