import { type ApiCallInput, type Db, recordApiCalls, withTenant } from '@switchyard/db';
import type { CallRecord } from '@switchyard/tiktok-shop';

/** A marketplace HTTP attempt as a row of `api_calls` (R-DIAG-1). */
export function marketplaceCallRow(
  tenantId: string,
  orderId: string | null,
  c: CallRecord,
): ApiCallInput {
  return {
    tenantId,
    orderId,
    target: 'tiktok',
    endpoint: `${c.method} ${c.endpoint}`,
    httpStatus: c.httpStatus ?? null,
    code: c.ttsCode ? String(c.ttsCode) : (c.error?.code ?? null),
    latencyMs: c.latencyMs,
  };
}

/**
 * Writes each marketplace HTTP attempt to `api_calls` (R-DIAG-1): endpoint, HTTP status,
 * the marketplace's own error code (or ours when it sent none), latency; one statement.
 */
export async function logMarketplaceCalls(
  db: Db,
  tenantId: string,
  orderId: string | null,
  calls: readonly CallRecord[],
) {
  if (calls.length === 0) return;
  await withTenant(db, tenantId, (trx) =>
    recordApiCalls(
      trx,
      calls.map((c) => marketplaceCallRow(tenantId, orderId, c)),
    ),
  );
}
