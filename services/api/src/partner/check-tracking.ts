import { appendOrderEvent, type Dispatch, withTenant } from '@switchyard/db';
import { findCarrier, refusesTrackingVerdict, validateTrackingNumber } from '@switchyard/domain';
import type { ApiDeps } from '../deps.ts';
import { AppError } from '../errors.ts';

/**
 * R-TRK-1, R-TRK-3: a tracking number that is not the carrier's (wrong shape, wrong check digit,
 * another carrier's format) is refused while the supplier is still on the line, and the refusal
 * goes on the order's timeline. Unknown shapes pass here; the workflow treats them with care.
 */
export async function checkTracking(
  deps: Pick<ApiDeps, 'db'>,
  d: Dispatch,
  trackingNumber: string,
  carrier: string,
) {
  const code = findCarrier(carrier)?.code;
  const verdict = code ? validateTrackingNumber(trackingNumber, code) : undefined;
  if (code && verdict && !refusesTrackingVerdict(verdict.status)) return;
  await withTenant(deps.db, d.tenant_id, (trx) =>
    appendOrderEvent(trx, {
      tenantId: d.tenant_id,
      orderId: d.order_id,
      kind: 'tracking_refused',
      dedupeKey: `tracking_refused:${d.id}:${trackingNumber}:${carrier}`,
      detail: {
        dispatchId: d.id,
        trackingNumber,
        carrier,
        verdict: verdict?.status ?? 'carrier_unknown',
      },
    }),
  );
  if (!code || !verdict)
    throw new AppError(
      'CARRIER_UNKNOWN',
      `${carrier} is not a carrier of the marketplace's preset list`,
    );
  throw new AppError('TRACKING_INVALID', verdict.message, {
    status: verdict.status,
    matches: verdict.matches,
  });
}
