import { applyStockFeed, knownItemCodes, withSupplier } from '@switchyard/db';
import { checkStockFeed } from '@switchyard/domain';
import { parseStockFeedCsv } from '@switchyard/domain/csv';
import { processSupplierFile } from '@switchyard/workflows';
import type { ApiDeps } from '../deps.ts';

/** A stock upload's report: rows applied, and each refused row by its line with a stable code. */
export interface StockUploadReport {
  applied: number;
  rejected: Array<{ line: number; code: string; message: string }>;
}

/**
 * R-RT-1 data: the supplier's stock and cost CSV (sku_code, stock, unit_cost), checked and
 * applied exactly as the partner API's `POST /catalog/stock` feed: good rows kept in one
 * transaction in the supplier's scope, bad rows reported with their line (header is line 1).
 * One function for the tRPC procedure and the portal's file route.
 */
export async function uploadStock(
  deps: ApiDeps,
  supplierId: string,
  content: string,
): Promise<StockUploadReport> {
  const items = parseStockFeedCsv(content);
  const report = await withSupplier(deps.db, supplierId, async (trx) => {
    const codes = items.flatMap((r) => (typeof r.sku_code === 'string' ? [r.sku_code.trim()] : []));
    const checked = checkStockFeed(items, await knownItemCodes(trx, supplierId, codes));
    await applyStockFeed(trx, supplierId, checked.updates);
    return checked;
  });
  return {
    applied: report.updates.length,
    rejected: report.rejected.map((r) => ({ line: r.index + 2, code: r.code, message: r.message })),
  };
}

/** An answer file's report as the portal shows it. */
export interface AnswersUploadReport {
  repeat: boolean;
  error: { code: string; message: string } | null;
  rows: number;
  applied: number;
  refused: number;
  results: Array<{
    row: number;
    dispatchId: string | null;
    outcome: string;
    code: string | null;
    message: string | null;
  }>;
}

/**
 * R-RT-2: an answer file processed by the same function as `POST /partner/v1/files` and the
 * mail and SFTP connectors: row by row, good rows applied, each refusal with row and code.
 */
export async function uploadAnswers(
  deps: ApiDeps,
  supplierId: string,
  fileName: string,
  content: Uint8Array,
): Promise<AnswersUploadReport> {
  const r = await processSupplierFile(deps, { supplierId, source: 'upload', fileName, content });
  return {
    repeat: r.repeat,
    error: r.fileError ?? null,
    rows: r.rows,
    applied: r.applied,
    refused: r.refused,
    results: r.results.map((x) => ({
      row: x.row,
      dispatchId: x.dispatchId ?? null,
      outcome: x.outcome,
      code: x.code ?? null,
      message: x.message ?? null,
    })),
  };
}
