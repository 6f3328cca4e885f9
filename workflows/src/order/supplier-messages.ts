import { appendOrderEvent, type Db, type Dispatch, withTenant } from '@switchyard/db';
import {
  type DispatchStatus,
  decidePartnerMessage,
  findCarrier,
  refusesTrackingVerdict,
  validateTrackingNumber,
} from '@switchyard/domain';
import { supplierRejectUpdate, supplierShipmentUpdate } from './messages.ts';
import { acknowledgeDispatch } from './supplier-ack.ts';
import { deliver, type SupplierMessageDeps, SupplierMessageError } from './supplier-delivery.ts';

export {
  type SupplierMessageDeps,
  SupplierMessageError,
  type SupplierMessageErrorCode,
} from './supplier-delivery.ts';

/** What a supplier says about one of its dispatches (R-SLA-2, R-SLA-3). */
export type SupplierMessage =
  | { kind: 'ack'; expectedShipAt?: string | undefined; channel?: string | undefined }
  | {
      kind: 'shipment';
      trackingNumber: string;
      carrier: string;
      /** A split shipment's items; absent: everything not yet shipped. */
      lines?: Array<{ supplierItemCode: string; quantity: number }> | undefined;
    }
  | { kind: 'reject'; reason: string };

/**
 * R-TRK-1, R-TRK-3: a tracking number that is not the carrier's (wrong shape, wrong check digit,
 * another carrier's format) is refused while the supplier is still on the line, and the refusal
 * goes on the order's timeline. Unknown shapes pass here; the workflow treats them with care.
 */
async function checkTracking(db: Db, d: Dispatch, trackingNumber: string, carrier: string) {
  const code = findCarrier(carrier)?.code;
  const verdict = code ? validateTrackingNumber(trackingNumber, code) : undefined;
  if (code && verdict && !refusesTrackingVerdict(verdict.status)) return;
  await withTenant(db, d.tenant_id, (trx) =>
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
    throw new SupplierMessageError(
      'CARRIER_UNKNOWN',
      `${carrier} is not a carrier of the marketplace's preset list`,
    );
  throw new SupplierMessageError('TRACKING_INVALID', verdict.message, {
    status: verdict.status,
    matches: verdict.matches,
  });
}

/**
 * A supplier's message about its dispatch, which the caller has loaded in the supplier's
 * scope. The dispatch's state decides first (decidePartnerMessage): a repeat of what already
 * happened is answered with the dispatch's status and changes nothing; a message the state
 * does not allow is refused. An acknowledgement is recorded before the workflow hears of it,
 * and its repeat is handed to the workflow again (acknowledgeDispatch). A shipment's tracking
 * number is checked before the order's workflow sees it. Otherwise the workflow takes the
 * message: `delivered`.
 */
export async function deliverSupplierMessage(
  deps: SupplierMessageDeps,
  d: Dispatch,
  message: SupplierMessage,
): Promise<{ delivered: true } | { repeat: DispatchStatus }> {
  if (message.kind === 'ack') return acknowledgeDispatch(deps, d, message);
  const decision = decidePartnerMessage(
    { status: d.status, trackingNumber: d.tracking_number },
    message,
  );
  if (decision !== 'deliver') {
    if ('refuse' in decision) throw new SupplierMessageError('DISPATCH_CLOSED', decision.refuse);
    return { repeat: decision.repeat };
  }
  switch (message.kind) {
    case 'shipment': {
      await checkTracking(deps.db, d, message.trackingNumber, message.carrier);
      const { trackingNumber, carrier, lines } = message;
      // The update id makes every delivery of one package count once (R-SLA-3).
      await deliver(
        deps,
        d,
        supplierShipmentUpdate,
        [{ dispatchId: d.id, trackingNumber, carrier, ...(lines && { lines }) }],
        `${d.id}:ship:${trackingNumber}`,
      );
      break;
    }
    case 'reject':
      await deliver(
        deps,
        d,
        supplierRejectUpdate,
        [{ dispatchId: d.id, reason: message.reason }],
        `${d.id}:reject`,
      );
      break;
  }
  return { delivered: true };
}
