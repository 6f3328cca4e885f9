import type { SupplierFileSource, SupplierFileStatus } from '@switchyard/domain';
import { sql } from 'kysely';
import type { Trx } from '../client.ts';

/** A claim older than this belongs to a process that died: another may take the file over. */
export const FILE_CLAIM_LEASE_MS = 5 * 60_000;

export type FileClaim =
  | { claimed: true; id: string }
  | { claimed: false; status: SupplierFileStatus; report: unknown };

/**
 * Claims an answer file by its content hash, in the supplier's scope (R-RT-2: no file is
 * processed twice). The first claim wins. A file already `done` answers with its stored report;
 * one left `incomplete` (a row could not be taken in time), or whose claim has lapsed, is
 * claimed again; one being processed right now is not.
 */
export async function claimSupplierFile(
  trx: Trx,
  v: { supplierId: string; sha256: string; source: SupplierFileSource; fileName: string },
): Promise<FileClaim> {
  const inserted = await trx
    .insertInto('supplier_files')
    .values({
      supplier_id: v.supplierId,
      sha256: v.sha256,
      source: v.source,
      file_name: v.fileName,
      status: 'processing',
    })
    .onConflict((oc) => oc.columns(['supplier_id', 'sha256']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { claimed: true, id: inserted.id };
  const retaken = await trx
    .updateTable('supplier_files')
    .set({ status: 'processing', claimed_at: new Date() })
    .where('supplier_id', '=', v.supplierId)
    .where('sha256', '=', v.sha256)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'incomplete'),
        eb.and([
          eb('status', '=', 'processing'),
          eb(
            'claimed_at',
            '<',
            sql<Date>`now() - ${`${FILE_CLAIM_LEASE_MS} milliseconds`}::interval`,
          ),
        ]),
      ]),
    )
    .returning('id')
    .executeTakeFirst();
  if (retaken) return { claimed: true, id: retaken.id };
  const row = await trx
    .selectFrom('supplier_files')
    .select(['status', 'report'])
    .where('supplier_id', '=', v.supplierId)
    .where('sha256', '=', v.sha256)
    .executeTakeFirstOrThrow();
  return { claimed: false, status: row.status, report: row.report };
}

/** Stores a processed file's report and counts. */
export async function finishSupplierFile(
  trx: Trx,
  id: string,
  v: {
    status: Exclude<SupplierFileStatus, 'processing'>;
    rows: number;
    applied: number;
    refused: number;
    report: unknown;
  },
) {
  await trx
    .updateTable('supplier_files')
    .set({
      status: v.status,
      rows: v.rows,
      applied: v.applied,
      refused: v.refused,
      report: JSON.stringify(v.report),
    })
    .where('id', '=', id)
    .execute();
}
