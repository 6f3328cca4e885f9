import { sql } from 'kysely';
import type { Trx } from '../client.ts';
import { ORDER_SUMMARY_COLUMNS, timelineOf } from './orders.ts';

/** One order with its timeline (R-DIAG-1); RLS makes other tenants' orders invisible. */
export async function getOrderWithTimeline(trx: Trx, orderId: string) {
  return trx
    .selectFrom('orders as o')
    .select((eb) => [
      ...ORDER_SUMMARY_COLUMNS,
      'o.lines',
      'o.holds',
      'o.recipient_enc',
      'o.recipient_override_enc',
      timelineOf(eb),
    ])
    .where('o.id', '=', orderId)
    .executeTakeFirst();
}

/**
 * The order's state for a tenant's fix, locked until the transaction ends so the fix and the
 * workflow's own updates do not interleave. `held` means the checks currently hold it: the
 * workflow leaves the status at `on_hold` after a passing re-check until dispatch, so the
 * stored holds tell whether a fix can still change anything.
 */
export async function lockOrderForFix(trx: Trx, orderId: string) {
  const row = await trx
    .selectFrom('orders')
    .select([
      'id',
      'status',
      'workflow_id',
      sql<number>`jsonb_array_length(holds)`.as('hold_count'),
    ])
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    status: row.status,
    workflowId: row.workflow_id,
    held: row.status === 'on_hold' && Number(row.hold_count) > 0,
  };
}

/** Stores the tenant's corrected address (encrypted by the caller); it wins on the next check. */
export async function setRecipientOverride(trx: Trx, orderId: string, recipientEnc: string) {
  await trx
    .updateTable('orders')
    .set({ recipient_override_enc: recipientEnc, updated_at: new Date() })
    .where('id', '=', orderId)
    .execute();
}

/**
 * Workflow ids of the orders the checks hold: `on_hold`, or still `received` with holds stored
 * (the workflow records the hold just after the check, so a fix may land in between).
 */
export async function listHeldOrderWorkflowIds(trx: Trx): Promise<string[]> {
  const rows = await trx
    .selectFrom('orders')
    .select('workflow_id')
    .where('status', 'in', ['on_hold', 'received'])
    .where(sql<boolean>`jsonb_array_length(holds) > 0`)
    .execute();
  return rows.map((r) => r.workflow_id);
}
