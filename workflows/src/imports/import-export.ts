import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { encrypt, type Keyring } from '@switchyard/auth';
import {
  type Db,
  findImport,
  insertImport,
  insertImportedOrders,
  withTenant,
} from '@switchyard/db';
import {
  type CsvEvent,
  CsvFileError,
  type CsvOrder,
  parseOrderExport,
} from '@switchyard/domain/csv';
import type { Client } from '@temporalio/client';
import { startImportStarter } from './client.ts';

type Rejected = Extract<CsvEvent, { kind: 'rejected' }>;

/** What an import needs; the tenant's rows are written under its RLS scope. */
export interface ImportOrderDeps {
  db: Db;
  keyring: Keyring;
  temporal: Client;
  /** Where the import's starter workflow runs (the order task queue by default). */
  taskQueue?: string;
}

/**
 * The parser yields the thread between slices of the file; the loops here over every order of
 * a large file (collecting, encrypting) do the same every this many orders, so other requests
 * are answered while an import runs.
 */
const ORDERS_PER_TURN = 500;

export interface ImportReport {
  importId: string;
  duplicate: boolean;
  rows: number;
  accepted: number;
  rejected: number;
  rejections: Array<{ orderNumber: string | null; rows: number[]; errors: Rejected['errors'] }>;
}

/**
 * R-IN-3: imports a seller-center "awaiting shipment" export. The file streams through the
 * parser once; a file-level error writes nothing; otherwise good orders are stored in one
 * transaction (re-importing the same file, or an overlapping one, changes nothing) and a durable
 * workflow starts them through the same idempotent intake as webhooks. A file-level error is
 * a CsvFileError; an error of `body` itself (the edge's size limit) propagates unchanged.
 */
export async function importOrderExport(
  deps: ImportOrderDeps,
  input: { tenantId: string; shopId: string; filename: string; body: AsyncIterable<Uint8Array> },
): Promise<ImportReport> {
  const hash = createHash('sha256');
  async function* hashed() {
    for await (const chunk of input.body) {
      hash.update(chunk);
      yield chunk;
    }
  }
  const accepted: CsvOrder[] = [];
  const rejections: ImportReport['rejections'] = [];
  let rows = 0;
  let events = 0;
  for await (const e of parseOrderExport(hashed())) {
    if (++events % ORDERS_PER_TURN === 0) await nextTurn();
    if (e.kind === 'file_error') throw new CsvFileError(e.code, e.message, e.details);
    if (e.kind === 'order') accepted.push(e.order);
    else if (e.kind === 'rejected')
      rejections.push({ orderNumber: e.orderNumber, rows: e.rows, errors: e.errors });
    else if (e.kind === 'summary') rows = e.rows;
  }
  const sha = hash.digest('hex');
  const { tenantId, shopId } = input;
  const result = await withTenant(deps.db, tenantId, async (trx) => {
    const previous = await findImport(trx, shopId, sha);
    if (previous)
      return {
        importId: previous.id,
        duplicate: true,
        report: previous.report as Omit<ImportReport, 'importId' | 'duplicate'>,
      };
    const report = { rows, accepted: accepted.length, rejected: rejections.length, rejections };
    const importId = await insertImport(trx, {
      tenantId,
      shopId,
      fileSha256: sha,
      filename: input.filename,
      rows,
      accepted: accepted.length,
      rejected: rejections.length,
      report,
    });
    const encrypted = [];
    for (const o of accepted) {
      if (encrypted.length % ORDERS_PER_TURN === 0) await nextTurn();
      encrypted.push({
        tenantId,
        shopId,
        platformOrderId: o.platformOrderId,
        importId,
        dataEnc: encrypt(
          deps.keyring,
          JSON.stringify({ ...o, totalMinor: o.totalMinor.toString() }),
        ),
      });
    }
    await insertImportedOrders(trx, encrypted);
    return { importId, duplicate: false, report };
  });
  // Outside the transaction: the workflow is idempotent by import id, so a retry of the same
  // file (answered as a duplicate) also restarts a starter that never ran.
  await startImportStarter(
    deps.temporal,
    { tenantId, shopId, importId: result.importId },
    deps.taskQueue,
  );
  return { importId: result.importId, duplicate: result.duplicate, ...result.report };
}
