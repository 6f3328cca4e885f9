import { CsvError, parse } from 'csv-parse/sync';
import { isStorableText } from '../storable-text.ts';
import type { CsvFileErrorCode } from './types.ts';

/**
 * The columns of a supplier's answer file (R-RT-2, R-SLA-2, R-SLA-3): one row per message, in
 * the order it happened (an `ack` row before the `ship` row of the same dispatch). Any order of
 * columns; names are matched without case or edge spaces; other columns are ignored.
 */
export const ANSWER_COLUMNS = [
  'dispatch_id',
  'action',
  'expected_ship_at',
  'carrier',
  'tracking_number',
  'reason',
] as const;

/** An answer file is a day's messages of one supplier, not a data dump. */
export const MAX_ANSWER_ROWS = 5000;
export const MAX_ANSWER_BYTES = 1024 * 1024;
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export type AnswerRow = { row: number; dispatchId: string } & (
  | { action: 'ack'; expectedShipAt?: string | undefined }
  | { action: 'ship'; carrier: string; trackingNumber: string }
  | { action: 'reject'; reason: string }
);

/** Why a row was refused before it reached its dispatch; stable codes for the report. */
export type AnswerRowErrorCode =
  | 'INPUT_INVALID_TEXT'
  | 'ROW_COLUMNS_MISMATCH'
  | 'DISPATCH_ID_INVALID'
  | 'ACTION_UNKNOWN'
  | 'EXPECTED_SHIP_AT_INVALID'
  | 'CARRIER_MISSING'
  | 'TRACKING_NUMBER_INVALID'
  | 'REASON_MISSING'
  | 'DUPLICATE_ROW';

export interface AnswerRowError {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  dispatchId: string | null;
  code: AnswerRowErrorCode;
  message: string;
}

export type ParsedAnswers =
  | { ok: true; rows: AnswerRow[]; refused: AnswerRowError[] }
  | { ok: false; code: CsvFileErrorCode; message: string };

const DISPATCH_ID = /^d_[A-Za-z0-9_-]{1,62}$/;
const TRACKING = /^[A-Za-z0-9]{6,40}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const fail = (code: CsvFileErrorCode, message: string): ParsedAnswers => ({
  ok: false,
  code,
  message,
});

/**
 * Reads a supplier's answer file. A file that cannot be read as a whole (not UTF-8, not CSV,
 * columns missing, no rows, too big) is refused as a whole: nothing of it is applied. Otherwise
 * each row is checked on its own: good rows come back to be applied, bad ones with a code.
 * `nowMs` bounds a promised ship time (a year either way), as the partner API does.
 */
export function parseSupplierAnswers(bytes: Uint8Array, nowMs: number): ParsedAnswers {
  if (bytes.byteLength > MAX_ANSWER_BYTES)
    return fail('CSV_TOO_LARGE', `an answer file holds at most ${MAX_ANSWER_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('CSV_NOT_TEXT', 'the file is not UTF-8 text (save it as "CSV UTF-8")');
  }
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (err) {
    if (err instanceof CsvError) return fail('CSV_MALFORMED', `not valid CSV: ${err.code}`);
    throw err;
  }
  const header = records[0];
  if (!header) return fail('CSV_EMPTY', 'the file is empty');
  const names = header.map((h) => h.trim().toLowerCase());
  const at: Partial<Record<(typeof ANSWER_COLUMNS)[number], number>> = {};
  for (const col of ANSWER_COLUMNS) {
    const i = names.indexOf(col);
    if (i === -1) return fail('CSV_COLUMNS_MISSING', `column ${col} is missing`);
    if (names.indexOf(col, i + 1) !== -1)
      return fail('CSV_COLUMNS_DUPLICATE', `column ${col} appears twice`);
    at[col] = i;
  }
  const data = records.slice(1).filter((r) => r.some((c) => c.trim() !== ''));
  if (data.length === 0) return fail('CSV_EMPTY', 'the file has no rows');
  if (data.length > MAX_ANSWER_ROWS)
    return fail('CSV_TOO_LARGE', `an answer file holds at most ${MAX_ANSWER_ROWS} rows`);

  const rows: AnswerRow[] = [];
  const refused: AnswerRowError[] = [];
  const seen = new Set<string>();
  // Row numbers count the header and any blank rows, as the supplier's spreadsheet does.
  let rowNumber = 1;
  for (const record of records.slice(1)) {
    rowNumber++;
    if (!record.some((c) => c.trim() !== '')) continue;
    const cell = (c: (typeof ANSWER_COLUMNS)[number]) => (record[at[c]!] ?? '').trim();
    const checked = checkRow(rowNumber, record, header.length, cell, nowMs);
    if ('code' in checked) {
      refused.push(checked);
      continue;
    }
    const key = `${checked.dispatchId}:${checked.action}`;
    if (seen.has(key)) {
      refused.push({
        row: rowNumber,
        dispatchId: checked.dispatchId,
        code: 'DUPLICATE_ROW',
        message: `${checked.action} for this dispatch is already in the file`,
      });
      continue;
    }
    seen.add(key);
    rows.push(checked);
  }
  return { ok: true, rows, refused };
}

function checkRow(
  row: number,
  record: string[],
  width: number,
  cell: (c: (typeof ANSWER_COLUMNS)[number]) => string,
  nowMs: number,
): AnswerRow | AnswerRowError {
  const err = (code: AnswerRowErrorCode, message: string, id: string | null = null) => ({
    row,
    dispatchId: id,
    code,
    message,
  });
  if (!record.every(isStorableText))
    return err('INPUT_INVALID_TEXT', 'a cell holds U+0000 or an unpaired surrogate');
  if (record.length !== width)
    return err('ROW_COLUMNS_MISMATCH', `the row has ${record.length} cells, the header ${width}`);
  const dispatchId = cell('dispatch_id');
  if (!DISPATCH_ID.test(dispatchId))
    return err('DISPATCH_ID_INVALID', 'dispatch_id must be the d_… id of the batch file');
  const action = cell('action').toLowerCase();
  switch (action) {
    case 'ack': {
      const at = cell('expected_ship_at');
      if (at === '') return { row, dispatchId, action };
      const ms = ISO_INSTANT.test(at) ? Date.parse(at) : Number.NaN;
      if (Number.isNaN(ms) || Math.abs(ms - nowMs) > YEAR_MS)
        return err(
          'EXPECTED_SHIP_AT_INVALID',
          'expected_ship_at must be an ISO time with offset within a year, e.g. 2026-12-01T15:00:00+08:00',
          dispatchId,
        );
      return { row, dispatchId, action, expectedShipAt: new Date(ms).toISOString() };
    }
    case 'ship': {
      const carrier = cell('carrier');
      if (carrier.length < 2 || carrier.length > 64)
        return err('CARRIER_MISSING', 'a ship row names its carrier', dispatchId);
      const trackingNumber = cell('tracking_number');
      if (!TRACKING.test(trackingNumber))
        return err(
          'TRACKING_NUMBER_INVALID',
          'tracking_number is 6–40 letters and digits',
          dispatchId,
        );
      return { row, dispatchId, action, carrier, trackingNumber };
    }
    case 'reject': {
      const reason = cell('reason');
      if (reason.length < 1 || reason.length > 200)
        return err(
          'REASON_MISSING',
          'a reject row gives its reason (up to 200 characters)',
          dispatchId,
        );
      return { row, dispatchId, action, reason };
    }
    default:
      return err('ACTION_UNKNOWN', 'action is ack, ship or reject', dispatchId);
  }
}
