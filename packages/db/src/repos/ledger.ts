import type { CreditedSla, LedgerAggregate } from '@switchyard/domain';
import { sql } from 'kysely';
import type { Trx } from '../client.ts';
import { type PageRequest, pageByKeyset } from '../keyset.ts';

interface LineBase {
  tenantId: string;
  amountMinor: bigint;
  currency: string;
  /** The tenant's plan the amount was computed with; absent or null: the platform default. */
  planId?: string | null | undefined;
  /** How the amount came to be (basis, rate, plan, rule), shown with the line. */
  explanation?: object | undefined;
}

/**
 * One ledger line, by kind, with what makes it unique: an order's fee, a shipment's markup, a
 * credit per order and breached SLA, an operator's adjustment per operator-supplied key.
 */
export type LedgerLine = LineBase &
  (
    | { kind: 'order_fee'; orderId: string }
    | { kind: 'logistics_markup'; orderId: string; dispatchId: string }
    | { kind: 'sla_credit'; orderId: string; sla: CreditedSla }
    | {
        kind: 'adjustment';
        orderId?: string | null | undefined;
        idempotencyKey: string;
        reason: string;
        operatorId: string;
      }
  );

/** The line's idempotency key, unique per tenant (R-BIL-3): the one place it is derived. */
export function ledgerEntryKey(line: LedgerLine): string {
  switch (line.kind) {
    case 'order_fee':
      return `order_fee:${line.orderId}`;
    case 'logistics_markup':
      return `logistics_markup:${line.dispatchId}`;
    case 'sla_credit':
      return `sla_credit:${line.orderId}:${line.sla}`;
    case 'adjustment':
      return `adjustment:${line.idempotencyKey}`;
  }
}

/**
 * Appends a line once per key (R-BIL-3): a replay, retry or duplicate event hits the unique
 * key and changes nothing. Call it in the transaction that records the fact being charged.
 * Returns whether this call wrote the row.
 */
export async function addLedgerEntry(trx: Trx, line: LedgerLine): Promise<boolean> {
  const res = await trx
    .insertInto('ledger_entries')
    .values({
      tenant_id: line.tenantId,
      order_id: line.orderId ?? null,
      kind: line.kind,
      amount_minor: line.amountMinor,
      currency: line.currency,
      entry_key: ledgerEntryKey(line),
      plan_id: line.planId ?? null,
      explanation: JSON.stringify(line.explanation ?? {}),
      dispatch_id: line.kind === 'logistics_markup' ? line.dispatchId : null,
      sla: line.kind === 'sla_credit' ? line.sla : null,
      reason: line.kind === 'adjustment' ? line.reason : null,
      operator_id: line.kind === 'adjustment' ? line.operatorId : null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'entry_key']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

const LINE_COLUMNS = [
  'id',
  'order_id',
  'kind',
  'amount_minor',
  'currency',
  'created_at',
  'entry_key',
  'plan_id',
  'explanation',
  'dispatch_id',
  'sla',
  'reason',
  'operator_id',
] as const;

/** The tenant's line under one key, if written. */
export async function getLedgerEntryByKey(trx: Trx, tenantId: string, entryKey: string) {
  return trx
    .selectFrom('ledger_entries')
    .select(LINE_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('entry_key', '=', entryKey)
    .executeTakeFirst();
}

/** A page of the tenant's ledger, newest first, optionally of one order. */
export async function listLedgerEntries(
  trx: Trx,
  opts: PageRequest & { tenantId: string; orderId?: string | undefined },
) {
  let q = trx
    .selectFrom('ledger_entries')
    .select(LINE_COLUMNS)
    .where('tenant_id', '=', opts.tenantId);
  if (opts.orderId) q = q.where('order_id', '=', opts.orderId);
  return pageByKeyset(q, { columns: [{ ref: 'id', kind: 'bigint' }], direction: 'desc' }, opts);
}

/**
 * The month close's aggregate: one tenant's lines in [from, to) summed by kind and currency,
 * in one statement answered from `ledger_entries_period` alone (an index-only scan).
 */
export async function ledgerPeriodTotals(
  trx: Trx,
  v: { tenantId: string; from: Date; to: Date },
): Promise<LedgerAggregate[]> {
  const rows = await trx
    .selectFrom('ledger_entries')
    .select([
      'kind',
      'currency',
      sql<string>`count(*)`.as('lines'),
      sql<string>`sum(amount_minor)`.as('amount'),
      sql<string>`min(amount_minor)`.as('lo'),
      sql<string>`max(amount_minor)`.as('hi'),
    ])
    .where('tenant_id', '=', v.tenantId)
    .where('created_at', '>=', v.from)
    .where('created_at', '<', v.to)
    .groupBy(['kind', 'currency'])
    .orderBy('currency')
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    currency: r.currency,
    count: Number(r.lines),
    amountMinor: BigInt(r.amount),
    minMinor: BigInt(r.lo),
    maxMinor: BigInt(r.hi),
  }));
}
