import { decrypt, type Keyring } from '@switchyard/auth';
import { type Db, getSupplier, recordApiCall, withTenant } from '@switchyard/db';
import {
  type SupplierConnector,
  SupplierDispatchError,
  type SupplierNotice,
} from '@switchyard/suppliers';

/** What sending a notice to a supplier needs; the worker wires the real ones. */
export interface SupplierNoticeDeps {
  db: Db;
  keyring: Keyring;
  suppliers: SupplierConnector;
}

/**
 * Sends a notice about a dispatch to its supplier through the supplier's connector, and logs
 * the call against the order (R-DIAG-1). Returns `sent`, `refused` (the supplier answered a
 * 4xx: sending again changes nothing) or `failed` (unreachable or 5xx: worth another try).
 */
export async function sendSupplierNotice(
  deps: SupplierNoticeDeps,
  scope: { tenantId: string; orderId: string; supplierId: string },
  notice: SupplierNotice,
): Promise<'sent' | 'refused' | 'failed'> {
  const { tenantId, orderId } = scope;
  const supplier = await withTenant(deps.db, tenantId, (trx) => getSupplier(trx, scope.supplierId));
  if (!supplier) return 'refused';
  const started = Date.now();
  let httpStatus: number | null = null;
  let code: string | null = null;
  let outcome: 'sent' | 'refused' | 'failed' = 'sent';
  try {
    const res = await deps.suppliers.notify(
      {
        endpointUrl: supplier.endpoint_url,
        signingSecret: decrypt(deps.keyring, supplier.signing_secret_enc),
      },
      notice,
    );
    httpStatus = res.status;
  } catch (err) {
    if (!(err instanceof SupplierDispatchError)) throw err;
    httpStatus = err.status ?? null;
    code = err.code;
    outcome = err.retryable ? 'failed' : 'refused';
  }
  await withTenant(deps.db, tenantId, (trx) =>
    recordApiCall(trx, {
      tenantId,
      orderId,
      target: `supplier:${supplier.code}`,
      endpoint: `POST notice ${notice.type}`,
      httpStatus,
      code,
      latencyMs: Date.now() - started,
    }),
  );
  return outcome;
}
