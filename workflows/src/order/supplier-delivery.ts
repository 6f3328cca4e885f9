import type { Db, Dispatch } from '@switchyard/db';
import {
  type Client,
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';

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
  /** R-CHK-3: the order ships on its platform label, and the number sent is not the label's. */
  | 'TRACKING_NOT_LABEL'
  /** The order has no platform label, and the shipment names no tracking number or carrier. */
  | 'TRACKING_REQUIRED'
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

// gRPC statuses a supplier retries past: 4, the deadline passed before the server answered; 9
// (the client wraps it), the workflow task that was to take an update failed (a worker died or
// ran out of time), and a retry is taken afresh; 14, the server is unreachable (restarting).
const RETRY_LATER = [4, 9, 14];
const isNotTakenYet = (err: unknown) =>
  (isGrpcServiceError(err) && RETRY_LATER.includes(err.code)) ||
  (err instanceof ServiceError &&
    isGrpcServiceError(err.cause) &&
    RETRY_LATER.includes(err.cause.code));

/** Why the order's workflow could not be reached, as the supplier is told it. */
function refusal(d: Dispatch, err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError)
    return new SupplierMessageError(
      'DISPATCH_NOT_CURRENT',
      'this dispatch is no longer current for the order',
    );
  if ((err as Error).name === 'WorkflowNotFoundError')
    return new SupplierMessageError('DISPATCH_CLOSED', `order of dispatch ${d.id} is closed`);
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isNotTakenYet(err))
    return new SupplierMessageError(
      'NOT_TAKEN_IN_TIME',
      'the platform could not take the message in time; retry with the same body',
    );
  return err;
}

const waitMs = (deps: SupplierMessageDeps) => Date.now() + (deps.partnerUpdateWaitMs ?? 10_000);

/**
 * Hands the message to the order workflow and waits, boundedly, for it to be taken. The
 * update id makes a retry of the same message (after NOT_TAKEN_IN_TIME) count once.
 */
export async function deliver<Args extends [unknown, ...unknown[]]>(
  deps: SupplierMessageDeps,
  d: Dispatch,
  update: UpdateDefinition<{ accepted: true }, Args>,
  args: Args,
  updateId: string,
) {
  try {
    await deps.temporal.withDeadline(waitMs(deps), () =>
      deps.temporal.workflow.getHandle(d.workflow_id).executeUpdate(update, { args, updateId }),
    );
  } catch (err) {
    throw refusal(d, err);
  }
}

/**
 * Wakes the order workflow for what the database already holds: the signal is durable once the
 * server has it, and nothing waits for a worker. A repeat wakes it again; its handler takes the
 * first.
 */
export async function wake<Args extends [unknown, ...unknown[]]>(
  deps: SupplierMessageDeps,
  d: Dispatch,
  signal: SignalDefinition<Args>,
  args: Args,
) {
  try {
    await deps.temporal.withDeadline(waitMs(deps), () =>
      deps.temporal.workflow.getHandle(d.workflow_id).signal(signal, ...args),
    );
  } catch (err) {
    throw refusal(d, err);
  }
}
