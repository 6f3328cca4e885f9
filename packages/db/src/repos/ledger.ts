import type { Trx } from '../client.ts';
import type { LedgerKind } from '../schema.ts';

/**
 * Writes a charge once per (tenant, order, kind) (R-BIL-3): a replay hits the unique key and
 * changes nothing. Returns whether this call wrote the row.
 */
export async function addLedgerEntry(
  trx: Trx,
  v: { tenantId: string; orderId: string; kind: LedgerKind; amountMinor: bigint; currency: string },
): Promise<boolean> {
  const res = await trx
    .insertInto('ledger_entries')
    .values({
      tenant_id: v.tenantId,
      order_id: v.orderId,
      kind: v.kind,
      amount_minor: v.amountMinor,
      currency: v.currency,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'order_id', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listLedgerEntries(trx: Trx, orderId?: string) {
  let q = trx.selectFrom('ledger_entries').selectAll().orderBy('id');
  if (orderId) q = q.where('order_id', '=', orderId);
  return q.execute();
}
