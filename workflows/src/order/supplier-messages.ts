import {
  appendOrderEvent,
  type Db,
  type Dispatch,
  getLabelOfDispatch,
  withTenant,
} from '@switchyard/db';
import {
  type DispatchStatus,
  decidePartnerMessage,
  findCarrier,
  normalizeTrackingNumber,
  refusesTrackingVerdict,
  TIKTOK_SHIPPING,
  validateTrackingNumber,
} from '@switchyard/domain';
import { supplierRejectUpdate } from './messages.ts';
import { acknowledgeDispatch } from './supplier-ack.ts';
import { deliver, type SupplierMessageDeps, SupplierMessageError } from './supplier-delivery.ts';
import { recordAndWakeShipment } from './supplier-shipment.ts';

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
      /** Optional on an order with a platform label, whose number is the label's. */
      trackingNumber?: string | undefined;
      carrier?: string | undefined;
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
 * The package a shipment is about. On an order with a TikTok Shipping label (R-CHK-3) the
 * supplier ships under the label: it need not type the number, and one it types must be the
 * label's; the label covers the whole order or the dispatch's whole line group, so there are no
 * split lines. Otherwise the
 * number and carrier are required.
 */
async function resolveShipment(
  db: Db,
  d: Dispatch,
  m: Extract<SupplierMessage, { kind: 'shipment' }>,
): Promise<{ trackingNumber: string; carrier: string; lines?: typeof m.lines }> {
  const label = await withTenant(db, d.tenant_id, (trx) => getLabelOfDispatch(trx, d.id));
  if (label) {
    const typed = m.trackingNumber ? normalizeTrackingNumber(m.trackingNumber) : undefined;
    if (typed !== undefined && typed !== label.tracking_number)
      throw new SupplierMessageError(
        'TRACKING_NOT_LABEL',
        `the order ships on its TikTok Shipping label ${label.tracking_number}; send that number or none`,
        { labelTrackingNumber: label.tracking_number },
      );
    const named = m.carrier ? findCarrier(m.carrier)?.code : undefined;
    if (m.carrier && named !== TIKTOK_SHIPPING && named !== label.carrier)
      throw new SupplierMessageError(
        'CARRIER_UNKNOWN',
        `the order ships with TikTok Shipping (${label.carrier}), not ${m.carrier}`,
      );
    return { trackingNumber: label.tracking_number, carrier: TIKTOK_SHIPPING };
  }
  if (!m.trackingNumber || !m.carrier)
    throw new SupplierMessageError(
      'TRACKING_REQUIRED',
      'tracking_number and carrier are required: the order has no platform label',
    );
  return { trackingNumber: m.trackingNumber, carrier: m.carrier, lines: m.lines };
}

/**
 * A supplier's message about its dispatch, which the caller has loaded in the supplier's
 * scope. The dispatch's state decides first (decidePartnerMessage): a repeat of what already
 * happened is answered with the dispatch's status and changes nothing; a message the state
 * does not allow is refused. An acknowledgement is recorded before the workflow hears of it,
 * and its repeat is handed to the workflow again (acknowledgeDispatch). A shipment is checked
 * (R-TRK-1, R-TRK-3, R-CHK-3) and recorded before the workflow hears of it, and answered from
 * the record (recordAndWakeShipment). A rejection is handed to the workflow: `delivered`.
 */
export async function deliverSupplierMessage(
  deps: SupplierMessageDeps,
  d: Dispatch,
  message: SupplierMessage,
): Promise<{ delivered: true } | { repeat: DispatchStatus }> {
  if (message.kind === 'ack') return acknowledgeDispatch(deps, d, message);
  const resolved =
    message.kind === 'shipment'
      ? { ...message, ...(await resolveShipment(deps.db, d, message)) }
      : message;
  const decision = decidePartnerMessage(
    { status: d.status, trackingNumber: d.tracking_number },
    resolved,
  );
  if (decision !== 'deliver') {
    if ('refuse' in decision) throw new SupplierMessageError('DISPATCH_CLOSED', decision.refuse);
    return { repeat: decision.repeat };
  }
  switch (resolved.kind) {
    case 'shipment': {
      const { trackingNumber, carrier, lines } = resolved;
      await checkTracking(deps.db, d, trackingNumber, carrier);
      // Recorded before the answer, then the workflow is woken: no worker is waited for.
      return recordAndWakeShipment(deps, d, { trackingNumber, carrier, ...(lines && { lines }) });
    }
    case 'reject':
      await deliver(
        deps,
        d,
        supplierRejectUpdate,
        [{ dispatchId: d.id, reason: resolved.reason }],
        `${d.id}:reject`,
      );
      break;
  }
  return { delivered: true };
}
