import { type Db, recordApiCall, withTenant } from '@switchyard/db';
import type { CallRecord } from '@switchyard/tiktok-shop';

/**
 * Writes each marketplace HTTP attempt to `api_calls` (R-DIAG-1): endpoint, HTTP status,
 * the marketplace's own error code (or ours when it sent none), latency.
 */
export async function logMarketplaceCalls(
  db: Db,
  tenantId: string,
  orderId: string | null,
  calls: readonly CallRecord[],
) {
  if (calls.length === 0) return;
  await withTenant(db, tenantId, async (trx) => {
    for (const c of calls) {
      await recordApiCall(trx, {
        tenantId,
        orderId,
        target: 'tiktok',
        endpoint: `${c.method} ${c.endpoint}`,
        httpStatus: c.httpStatus ?? null,
        code: c.ttsCode ? String(c.ttsCode) : (c.error?.code ?? null),
        latencyMs: c.latencyMs,
      });
    }
  });
}
