import { type CarrierTracking, CarrierTrackingError, isKnownToCarrier } from '@switchyard/carriers';
import { type ApiCallInput, appendOrderEvent, recordApiCall } from '@switchyard/db';
import {
  type CarrierTrackingStatus,
  carrierCheckGraceOf,
  describeDuration,
} from '@switchyard/domain';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { type ActivityContext, policyOf, type Scope, type WithPolicy } from './context.ts';

/** What the carrier said before a push-back (R-TRK-2). */
export type CarrierCheck =
  /** The label exists: created, or the parcel is further along. */
  | { kind: 'known'; status: CarrierTrackingStatus; firstScanAt: Date | null }
  /** The carrier has never issued the number. */
  | { kind: 'unknown' }
  /** The carrier could not be asked within the grace: push on the format check alone. */
  | { kind: 'skipped'; code: string }
  /** No carrier-tracking service is wired (a worker of the previous release, unit tests). */
  | { kind: 'not_configured' };

type CheckInput = Scope & WithPolicy & { dispatchId: string };

/** When this activity was first scheduled; retries keep that time. Now outside an activity. */
function firstScheduledAt(now: number): number {
  try {
    return Context.current().info.scheduledTimestampMs;
  } catch {
    return now;
  }
}

/**
 * Asks the carrier whether it knows the number (R-TRK-2). A carrier-tracking service that
 * fails (down, slow, rate-limited, refusing our key) does not lose the order and does not hold
 * it forever: the activity fails and Temporal retries it (after `Retry-After` when the service
 * names one) until the policy's grace (`carrierCheckGraceMs`, 15 minutes, inside R-SLA-3's 30)
 * has passed since the push-back was first scheduled; then the number goes out on its format
 * check alone, with a `carrier_check_skipped` step on the timeline saying why. The call is
 * logged (R-DIAG-1) into `sink` when the caller writes it with its own transaction, else at once.
 */
export async function checkWithCarrier(
  ctx: ActivityContext,
  carriers: CarrierTracking | undefined,
  input: CheckInput,
  carrierCode: string,
  trackingNumber: string,
  sink?: ApiCallInput[],
): Promise<CarrierCheck> {
  if (!carriers) return { kind: 'not_configured' };
  const { tenantId, orderId } = input;
  const started = Date.now();
  const call = async (httpStatus: number | null, code: string | null) => {
    const row: ApiCallInput = {
      tenantId,
      orderId,
      target: `carrier:${carrierCode}`,
      endpoint: 'GET tracking',
      httpStatus,
      code,
      latencyMs: Date.now() - started,
    };
    if (sink) sink.push(row);
    else await ctx.tx(tenantId, (trx) => recordApiCall(trx, row));
  };
  try {
    const found = await carriers.lookup(carrierCode, trackingNumber);
    const known = isKnownToCarrier(found.status);
    await call(known ? 200 : 404, known ? null : 'TRACKING_NOT_FOUND');
    return known
      ? { kind: 'known', status: found.status, firstScanAt: found.firstScanAt }
      : { kind: 'unknown' };
  } catch (err) {
    if (!(err instanceof CarrierTrackingError)) throw err;
    await call(err.status ?? null, err.code);
    const now = ctx.now().getTime();
    const graceMs = carrierCheckGraceOf(policyOf(input));
    const left = firstScheduledAt(now) + graceMs - now;
    if (left > 0) {
      throw ApplicationFailure.create({
        message: `carrier tracking unavailable: ${err.message}`,
        type: err.code,
        ...(err.retryAfterMs !== undefined && {
          nextRetryDelay: Math.max(1000, Math.min(err.retryAfterMs, left)),
        }),
      });
    }
    await ctx.tx(tenantId, (trx) =>
      appendOrderEvent(trx, {
        tenantId,
        orderId,
        kind: 'carrier_check_skipped',
        dedupeKey: `carrier_check_skipped:${input.dispatchId}:${trackingNumber}`,
        detail: {
          rule: 'R-TRK-2',
          trackingNumber,
          carrier: carrierCode,
          code: err.code,
          message: `the carrier could not confirm the number for ${describeDuration(graceMs)}; pushed on its format check alone`,
        },
      }),
    );
    return { kind: 'skipped', code: err.code };
  }
}

/** What the first-scan watch needs of a pushed parcel (R-SLA-1). */
export type Parcel = {
  /** As the carrier prints it (normalized). */
  trackingNumber: string;
  carrier: string;
  shopId: string;
  supplierId: string | null;
  carrierStatus: CarrierTrackingStatus | null;
  firstScanAt: Date | null;
};

export function parcelOf(
  check: CarrierCheck,
  trackingNumber: string,
  carrier: string,
  shopId: string,
  supplierId: string | null,
): Parcel {
  const known = check.kind === 'known';
  return {
    trackingNumber,
    carrier,
    shopId,
    supplierId,
    carrierStatus: known ? check.status : null,
    firstScanAt: known ? check.firstScanAt : null,
  };
}
