import { sql } from 'kysely';
import type { Trx } from '../client.ts';

/**
 * Takes the batch slot `slotAt` for the supplier, once: true for the first caller, false when
 * the slot (or a later one) was handled already. Locks the settings row for the transaction,
 * so two sweeps of one slot run one after the other and the second finds it taken.
 */
export async function claimBatchSlot(trx: Trx, supplierId: string, slotAt: Date) {
  const row = await trx
    .updateTable('supplier_file_settings')
    .set({ last_slot_at: slotAt })
    .where('supplier_id', '=', supplierId)
    .where((eb) => eb.or([eb('last_slot_at', 'is', null), eb('last_slot_at', '<', slotAt)]))
    .returning('supplier_id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records the slot's batch and puts in it every dispatch of the supplier still waiting for one
 * (`sent`, in no batch), in the supplier's scope. Returns undefined when none waits: no file
 * for an empty slot. A dispatch is in one batch at most: it is taken only while in none.
 */
export async function createFileBatch(
  trx: Trx,
  v: { supplierId: string; slotAt: Date; fileName: string },
): Promise<{ id: string; dispatchCount: number } | undefined> {
  const waiting = await trx
    .selectFrom('dispatches')
    .select('id')
    .where('supplier_id', '=', v.supplierId)
    .where('file_batch_id', 'is', null)
    .where('status', '=', 'sent')
    .forUpdate()
    .execute();
  if (waiting.length === 0) return undefined;
  const batch = await trx
    .insertInto('supplier_file_batches')
    .values({
      supplier_id: v.supplierId,
      slot_at: v.slotAt,
      file_name: v.fileName,
      dispatch_count: waiting.length,
    })
    .onConflict((oc) => oc.columns(['supplier_id', 'slot_at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!batch) return undefined;
  await trx
    .updateTable('dispatches')
    .set({ file_batch_id: batch.id })
    .where(
      'id',
      'in',
      waiting.map((w) => w.id),
    )
    .where('file_batch_id', 'is', null)
    .execute();
  return { id: batch.id, dispatchCount: waiting.length };
}

/** The supplier's batches recorded but not yet sent, oldest first (a crash left them). */
export async function listUnsentBatches(trx: Trx, supplierId: string) {
  return trx
    .selectFrom('supplier_file_batches')
    .select(['id', 'slot_at', 'file_name', 'dispatch_count', 'attempts'])
    .where('supplier_id', '=', supplierId)
    .where('sent_at', 'is', null)
    .orderBy('slot_at')
    .execute();
}

/** The dispatches of a batch, in a stable order, so the file is the same at every attempt. */
export async function listBatchDispatches(trx: Trx, batchId: string) {
  return trx
    .selectFrom('dispatches')
    .select(['id', 'tenant_id', 'order_id', 'created_at', 'lines'])
    .where('file_batch_id', '=', batchId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** How long a sweep holds a batch it is sending before another may send it (it died). */
export const BATCH_SEND_LEASE_MS = 2 * 60_000;

/**
 * Takes an unsent batch to send it, unless another sweep took it within the lease: racing sweeps
 * send a batch once, and one left by a sender that died is sent again, under the same name.
 */
export async function claimBatchForSending(trx: Trx, batchId: string): Promise<boolean> {
  const row = await trx
    .updateTable('supplier_file_batches')
    .set({ send_claimed_at: new Date() })
    .where('id', '=', batchId)
    .where('sent_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('send_claimed_at', 'is', null),
        eb(
          'send_claimed_at',
          '<',
          sql<Date>`now() - ${`${BATCH_SEND_LEASE_MS} milliseconds`}::interval`,
        ),
      ]),
    )
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markBatchSent(trx: Trx, batchId: string) {
  await trx
    .updateTable('supplier_file_batches')
    .set({ sent_at: new Date(), last_error: null, attempts: sql`attempts + 1` })
    .where('id', '=', batchId)
    .where('sent_at', 'is', null)
    .execute();
}

export async function markBatchFailed(trx: Trx, batchId: string, error: string) {
  await trx
    .updateTable('supplier_file_batches')
    // Released at once: the next sweep tries again.
    .set({ last_error: error.slice(0, 500), attempts: sql`attempts + 1`, send_claimed_at: null })
    .where('id', '=', batchId)
    .execute();
}

/** The supplier's batches, newest first, for its portal page (run inside withSupplier). */
export async function listSupplierBatches(trx: Trx, supplierId: string, limit: number) {
  return trx
    .selectFrom('supplier_file_batches')
    .select(['id', 'slot_at', 'file_name', 'dispatch_count', 'sent_at', 'created_at'])
    .where('supplier_id', '=', supplierId)
    .orderBy('slot_at', 'desc')
    .limit(limit)
    .execute();
}

/** One of the supplier's batches; another supplier's is not visible (row-level security). */
export async function getSupplierBatch(trx: Trx, batchId: string) {
  return trx
    .selectFrom('supplier_file_batches')
    .select(['id', 'supplier_id', 'slot_at', 'file_name'])
    .where('id', '=', batchId)
    .executeTakeFirst();
}
