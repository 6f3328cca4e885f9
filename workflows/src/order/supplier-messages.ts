import { appendOrderEvent, type Db, type Dispatch, withTenant } from '@switchyard/db';
import {
  type DispatchStatus,
  decidePartnerMessage,
  findCarrier,
  refusesTrackingVerdict,
  validateTrackingNumber,
} from '@switchyard/domain';
import {
  type Client,
  isGrpcServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { supplierAckUpdate, supplierRejectUpdate, supplierShipmentUpdate } from './messages.ts';

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

/** Why a supplier's message was refused, as a stable code each edge maps to its own errors. */
export type SupplierMessageErrorCode =
  /** The dispatch's state does not allow the message (withdrawn, shipped, the order closed). */
  | 'DISPATCH_CLOSED'
  /** The order's workflow has moved on from this dispatch (re-routed). */
  | 'DISPATCH_NOT_CURRENT'
  /** R-TRK-1: the number is not one of the carrier's (shape, check digit, another's format). */
  | 'TRACKING_INVALID'
  /** R-TRK-3: the carrier is not one of the marketplace's preset list. */
  | 'CARRIER_UNKNOWN'
  /** The order's workflow did not take the message in time (no worker): retry it as it was. */
  | 'NOT_TAKEN_IN_TIME';

export class SupplierMessageError extends Error {
  override readonly name = 'SupplierMessageError';

  constructor(
    readonly code: SupplierMessageErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface SupplierMessageDeps {
  db: Db;
  temporal: Client;
  /** How long a message waits for its order workflow to take it (default 10 s). */
  partnerUpdateWaitMs?: number | undefined;
}

// gRPC status 4: the deadline passed before the server answered.
const isDeadlineExceeded = (err: unknown) => isGrpcServiceError(err) && err.code === 4;

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
 * Hands the message to the order workflow and waits, boundedly, for it to be taken. The
 * update id makes a retry of the same message (after NOT_TAKEN_IN_TIME) count once.
 */
async function deliver<Args extends [unknown, ...unknown[]]>(
  deps: SupplierMessageDeps,
  d: Dispatch,
  update: UpdateDefinition<{ accepted: true }, Args>,
  args: Args,
  updateId: string,
) {
  try {
    await deps.temporal.withDeadline(Date.now() + (deps.partnerUpdateWaitMs ?? 10_000), () =>
      deps.temporal.workflow.getHandle(d.workflow_id).executeUpdate(update, { args, updateId }),
    );
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError)
      throw new SupplierMessageError(
        'DISPATCH_NOT_CURRENT',
        'this dispatch is no longer current for the order',
      );
    if ((err as Error).name === 'WorkflowNotFoundError')
      throw new SupplierMessageError('DISPATCH_CLOSED', `order of dispatch ${d.id} is closed`);
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isDeadlineExceeded(err))
      throw new SupplierMessageError(
        'NOT_TAKEN_IN_TIME',
        'the platform could not take the message in time; retry with the same body',
      );
    throw err;
  }
}

/**
 * A supplier's message about its dispatch, which the caller has loaded in the supplier's
 * scope. The dispatch's state decides first (decidePartnerMessage): a repeat of what already
 * happened is answered with the dispatch's status and changes nothing; a message the state
 * does not allow is refused. A shipment's tracking number is checked before the order's
 * workflow sees it. Otherwise the workflow takes the message: `delivered`.
 */
export async function deliverSupplierMessage(
  deps: SupplierMessageDeps,
  d: Dispatch,
  message: SupplierMessage,
): Promise<{ delivered: true } | { repeat: DispatchStatus }> {
  const decision = decidePartnerMessage(
    { status: d.status, trackingNumber: d.tracking_number },
    message,
  );
  if (decision !== 'deliver') {
    if ('refuse' in decision) throw new SupplierMessageError('DISPATCH_CLOSED', decision.refuse);
    return { repeat: decision.repeat };
  }
  switch (message.kind) {
    case 'ack':
      await deliver(
        deps,
        d,
        supplierAckUpdate,
        [{ dispatchId: d.id, expectedShipAt: message.expectedShipAt, channel: message.channel }],
        `${d.id}:ack`,
      );
      break;
    case 'shipment': {
      await checkTracking(deps.db, d, message.trackingNumber, message.carrier);
      const { trackingNumber, carrier, lines } = message;
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
