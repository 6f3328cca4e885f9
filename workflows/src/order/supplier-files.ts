import { createHash } from 'node:crypto';
import { claimSupplierFile, finishSupplierFile, getDispatch, withSupplier } from '@switchyard/db';
import type { SupplierFileSource } from '@switchyard/domain';
import { type AnswerRow, type AnswerRowResult, parseSupplierAnswers } from '@switchyard/domain/csv';
import { type SupplierMessageDeps, SupplierMessageError } from './supplier-delivery.ts';
import { deliverSupplierMessage, type SupplierMessage } from './supplier-messages.ts';

/** An answer file from a supplier (R-RT-2), however it came. */
export interface SupplierFileInput {
  supplierId: string;
  source: SupplierFileSource;
  fileName: string;
  content: Uint8Array;
}

/** What became of an answer file: stored with it, returned or sent back to the supplier. */
export interface SupplierFileReport {
  fileName: string;
  sha256: string;
  /** The same file was received before: this is that report, and nothing was applied again. */
  repeat: boolean;
  /** `incomplete`: some row could not be taken in time; send the same file again later. */
  status: 'done' | 'incomplete';
  /** Set when the file was refused as a whole: nothing of it was applied. */
  fileError?: { code: string; message: string };
  rows: number;
  applied: number;
  refused: number;
  results: AnswerRowResult[];
}

/** A file being processed by another request: try again shortly. */
export class SupplierFileBusyError extends Error {
  override readonly name = 'SupplierFileBusyError';
  readonly code = 'FILE_IN_PROGRESS';
}

function messageOf(r: AnswerRow): SupplierMessage {
  switch (r.action) {
    case 'ack':
      return { kind: 'ack', expectedShipAt: r.expectedShipAt };
    case 'ship':
      return { kind: 'shipment', trackingNumber: r.trackingNumber, carrier: r.carrier };
    case 'reject':
      return { kind: 'reject', reason: r.reason };
  }
}

/**
 * One row as the partner API would take it: the dispatch is loaded in the supplier's scope, so
 * another supplier's dispatch id is not found (and nothing about it is said), then
 * deliverSupplierMessage decides, exactly as for an API call.
 */
async function applyRow(deps: SupplierMessageDeps, supplierId: string, r: AnswerRow) {
  const base = { row: r.row, dispatchId: r.dispatchId };
  const d = await withSupplier(deps.db, supplierId, (trx) => getDispatch(trx, r.dispatchId));
  if (!d)
    return {
      ...base,
      outcome: 'refused',
      code: 'DISPATCH_NOT_FOUND',
      message: 'no such dispatch for this supplier',
    } as const;
  try {
    const res = await deliverSupplierMessage(deps, d, messageOf(r));
    return 'repeat' in res
      ? ({ ...base, outcome: 'repeat', message: `already ${res.repeat}` } as const)
      : ({ ...base, outcome: 'applied' } as const);
  } catch (err) {
    if (!(err instanceof SupplierMessageError)) throw err;
    const code = err.code === 'NOT_TAKEN_IN_TIME' ? 'TRY_AGAIN_LATER' : err.code;
    return { ...base, outcome: 'refused', code, message: err.message } as const;
  }
}

/**
 * R-RT-2: a supplier's answer file (acknowledgements, shipments, rejections), row by row, each
 * through deliverSupplierMessage like an API call; good rows are applied when others are bad.
 * The file is claimed by its content hash first: the same file again answers with its stored
 * report and applies nothing (a file left `incomplete` is processed again, and the rows it
 * applied answer as repeats). A file that cannot be read as a whole applies nothing.
 */
export async function processSupplierFile(
  deps: SupplierMessageDeps & { now?: () => Date },
  input: SupplierFileInput,
): Promise<SupplierFileReport> {
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const { supplierId, fileName } = input;
  const claim = await withSupplier(deps.db, supplierId, (trx) =>
    claimSupplierFile(trx, { supplierId, sha256, source: input.source, fileName }),
  );
  if (!claim.claimed) {
    if (claim.status === 'processing')
      throw new SupplierFileBusyError('this file is being processed; send it again shortly');
    return { ...(claim.report as SupplierFileReport), repeat: true };
  }
  const now = (deps.now ?? (() => new Date()))().getTime();
  const parsed = parseSupplierAnswers(input.content, now);
  let report: SupplierFileReport;
  if (!parsed.ok) {
    report = {
      fileName,
      sha256,
      repeat: false,
      status: 'done',
      fileError: { code: parsed.code, message: parsed.message },
      rows: 0,
      applied: 0,
      refused: 0,
      results: [],
    };
  } else {
    const results: AnswerRowResult[] = parsed.refused.map((e) => ({
      row: e.row,
      dispatchId: e.dispatchId,
      outcome: 'refused',
      code: e.code,
      message: e.message,
    }));
    // In file order: an ack row is applied before the ship row of its dispatch.
    for (const r of parsed.rows) results.push(await applyRow(deps, supplierId, r));
    results.sort((a, b) => a.row - b.row);
    const refused = results.filter((r) => r.outcome === 'refused').length;
    report = {
      fileName,
      sha256,
      repeat: false,
      status: results.some((r) => r.code === 'TRY_AGAIN_LATER') ? 'incomplete' : 'done',
      rows: results.length,
      applied: results.filter((r) => r.outcome === 'applied').length,
      refused,
      results,
    };
  }
  await withSupplier(deps.db, supplierId, (trx) =>
    finishSupplierFile(trx, claim.id, {
      status: report.status,
      rows: report.rows,
      applied: report.applied,
      refused: report.refused,
      report,
    }),
  );
  return report;
}
