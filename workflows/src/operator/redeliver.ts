import { decrypt, type Keyring } from '@switchyard/auth';
import {
  type Db,
  getDispatch,
  getDispatchScope,
  getOrder,
  getSupplier,
  recordApiCall,
  withTenant,
} from '@switchyard/db';
import { DEFAULT_FULFILLMENT_POLICY, type Recipient } from '@switchyard/domain';
import {
  buildDispatchPayload,
  type SupplierConnector,
  SupplierDispatchError,
} from '@switchyard/suppliers';

export type RedeliveryErrorCode = 'DISPATCH_NOT_FOUND' | 'DISPATCH_NOT_DELIVERABLE';

/** Why a dispatch cannot be sent again; the api maps the code to its own. */
export class RedeliveryError extends Error {
  constructor(
    readonly code: RedeliveryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RedeliveryError';
  }
}

export interface RedeliveryDeps {
  db: Db;
  keyring: Keyring;
  suppliers: SupplierConnector;
  /** `callback_base_url` of the payload, as the worker's pushes name it. */
  partnerApiUrl: string;
}

/** Only a dispatch its supplier still holds open is worth sending again. */
const DELIVERABLE = new Set(['sent', 'acknowledged']);

/**
 * An operator sends a dispatch's current payload to its supplier again (issue 10 item 4),
 * e.g. after the supplier fixed its endpoint: under the same dispatch id, which is also the
 * `webhook-id`, so a supplier that already has it dedupes it. The attempt is logged on the
 * order with its HTTP status, like every delivery (R-DIAG-2). Refused for a dispatch that is
 * closed (rejected, withdrawn, shipped), of a supplier that is not pushed to, or whose order's
 * buyer data is gone.
 */
export async function redeliverDispatch(
  deps: RedeliveryDeps,
  dispatchId: string,
): Promise<{ status: number | null; code: string | null; delivered: boolean }> {
  const scope = await getDispatchScope(deps.db, dispatchId);
  if (!scope) throw new RedeliveryError('DISPATCH_NOT_FOUND', 'no dispatch with this id');
  const { tenantId } = scope;
  const { dispatch, order, supplier } = await withTenant(deps.db, tenantId, async (trx) => {
    const dispatch = await getDispatch(trx, dispatchId);
    const order = dispatch && (await getOrder(trx, dispatch.order_id));
    const supplier = dispatch && (await getSupplier(trx, dispatch.supplier_id));
    return { dispatch, order, supplier };
  });
  if (!dispatch || !order || !supplier)
    throw new RedeliveryError('DISPATCH_NOT_FOUND', 'no dispatch with this id');
  if (!DELIVERABLE.has(dispatch.status))
    throw new RedeliveryError(
      'DISPATCH_NOT_DELIVERABLE',
      `the dispatch is ${dispatch.status}; only a sent or acknowledged one is delivered again`,
    );
  if (supplier.connector !== 'api_push')
    throw new RedeliveryError(
      'DISPATCH_NOT_DELIVERABLE',
      `supplier ${supplier.code} is reached by ${supplier.connector}, not by push`,
    );
  if (!order.recipient_enc)
    throw new RedeliveryError('DISPATCH_NOT_DELIVERABLE', "the order's buyer data was erased");

  const createdAt = new Date(dispatch.created_at).getTime();
  const recipient: Recipient = JSON.parse(decrypt(deps.keyring, order.recipient_enc));
  const payload = buildDispatchPayload({
    dispatchId,
    orderNumber: order.platform_order_id,
    lines: order.supplier_lines,
    recipient,
    carrierCode: order.carrier ?? '',
    shipBy: order.ship_by ?? new Date(createdAt + DEFAULT_FULFILLMENT_POLICY.shipWindowMs),
    // The deadline the dispatch was given, as the push and the pull listing name it.
    ackDueAt: dispatch.ack_due_at
      ? new Date(dispatch.ack_due_at)
      : new Date(createdAt + DEFAULT_FULFILLMENT_POLICY.ackWindowMs),
    callbackBaseUrl: deps.partnerApiUrl,
  });
  const started = Date.now();
  let status: number | null = null;
  let code: string | null = null;
  try {
    const res = await deps.suppliers.dispatch(
      {
        endpointUrl: supplier.endpoint_url,
        signingSecret: decrypt(deps.keyring, supplier.signing_secret_enc),
      },
      payload,
    );
    status = res.status;
  } catch (err) {
    if (!(err instanceof SupplierDispatchError)) throw err;
    status = err.status ?? null;
    code = err.code;
  }
  await withTenant(deps.db, tenantId, (trx) =>
    recordApiCall(trx, {
      tenantId,
      orderId: order.id,
      target: `supplier:${supplier.code}`,
      endpoint: 'POST dispatch (redelivery)',
      httpStatus: status,
      code,
      latencyMs: Date.now() - started,
    }),
  );
  return { status, code, delivered: code === null };
}
