import {
  addLedgerEntry,
  type Db,
  getLedgerEntryByKey,
  ledgerEntryKey,
  withTenant,
} from '@switchyard/db';
import { validateAdjustment } from '../adjustment.ts';
import { BillingError } from './errors.ts';

/**
 * An operator's adjustment (positive: a charge, negative: a credit) to a tenant's ledger, for
 * one of its orders or none. Idempotent by the operator's key: the same key with the same
 * adjustment answers the line written first; with another, it is refused. An order of another
 * tenant is as absent as one that does not exist.
 */
export async function adjustLedger(
  db: Db,
  v: {
    tenantId: string;
    orderId?: string | undefined;
    amountMinor: bigint;
    currency: string;
    reason: string;
    idempotencyKey: string;
    operatorId: string;
  },
): Promise<{ entryId: string; replayed: boolean }> {
  const problems = validateAdjustment(v);
  if (problems.length > 0)
    throw new BillingError('ADJUSTMENT_INVALID', 'the adjustment cannot be written', problems);
  return withTenant(db, v.tenantId, async (trx) => {
    const tenant = await trx
      .selectFrom('tenants')
      .select('id')
      .where('id', '=', v.tenantId)
      .executeTakeFirst();
    if (!tenant) throw new BillingError('TENANT_NOT_FOUND', 'no tenant with this id');
    if (v.orderId) {
      const order = await trx
        .selectFrom('orders')
        .select('id')
        .where('id', '=', v.orderId)
        .executeTakeFirst();
      if (!order) throw new BillingError('ORDER_NOT_FOUND', 'no order of this tenant with this id');
    }
    const line = {
      kind: 'adjustment' as const,
      tenantId: v.tenantId,
      orderId: v.orderId ?? null,
      amountMinor: v.amountMinor,
      currency: v.currency,
      idempotencyKey: v.idempotencyKey,
      reason: v.reason,
      operatorId: v.operatorId,
      explanation: {
        rule: 'adjustment',
        planId: null,
        basisMinor: v.amountMinor.toString(),
        basisCurrency: v.currency,
        rateBp: null,
        text: `operator adjustment: ${v.reason}`,
      },
    };
    const wrote = await addLedgerEntry(trx, line);
    const row = await getLedgerEntryByKey(trx, v.tenantId, ledgerEntryKey(line));
    if (!row) throw new Error('adjustment neither written nor found');
    const same =
      row.order_id === line.orderId &&
      BigInt(row.amount_minor) === v.amountMinor &&
      row.currency === v.currency &&
      row.reason === v.reason;
    if (!same)
      throw new BillingError(
        'ADJUSTMENT_KEY_REUSED',
        'this idempotency key was used for another adjustment',
      );
    return { entryId: row.id, replayed: !wrote };
  });
}
