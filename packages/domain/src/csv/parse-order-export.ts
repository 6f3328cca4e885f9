import { isStorableText } from '../storable-text.ts';
import { resolveColumns } from './columns.ts';
import { decodeText } from './decode.ts';
import { OrderBook } from './order-book.ts';
import { readRecords } from './records.ts';
import { readRow } from './row.ts';
import { type CsvEvent, CsvFileError } from './types.ts';

/** Twice a normal day's export for a large shop; beyond it a file is probably not an export. */
export const DEFAULT_MAX_ROWS = 200_000;

/**
 * Spreadsheets leave runs of empty rows (`,,,,`) where cells were once formatted, a few as a
 * rule. A longer run is not an export, and reading on would cost time for nothing: an empty
 * row is cheap to skip but not free, and a file of them is the cheapest way to keep a server
 * busy, so the file is refused here rather than at its end.
 */
export const MAX_BLANK_RUN = 1_000;

/**
 * Streams the seller center's "awaiting shipment" order export (R-IN-3) into a report.
 *
 * Events, in this order:
 * - at most one `file_error` and then nothing else: nothing from the file may be imported;
 * - otherwise one `order` per order whose every row is valid and one `rejected` per order
 *   with any bad row (never half an order) or per row without an order id, in order of
 *   first appearance, then one `summary`.
 *
 * Orders are only emitted after the last row has been read (an order's rows need not be
 * contiguous), so every file error, including a broken quote near the end of the file, is
 * reported before any `order` event. Callers should still treat `file_error` as "discard
 * everything from this parse", which stays correct if emission ever becomes incremental.
 *
 * Memory: the input is consumed chunk by chunk with backpressure; per order about 1 KB is
 * kept until the end. Errors thrown by `input` itself propagate unchanged.
 *
 * @example
 * for await (const event of parseOrderExport(file.stream())) {
 *   if (event.kind === 'order') await intake(event.order);
 * }
 */
export async function* parseOrderExport(
  input: AsyncIterable<Uint8Array | string>,
  opts: { maxRows?: number } = {},
): AsyncGenerator<CsvEvent> {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  let book: OrderBook | undefined;
  let dataRows = 0;
  let row = 0;
  let blankRun = 0;
  try {
    for await (const record of readRecords(decodeText(input))) {
      row++;
      // Blank lines are rows in a spreadsheet too: counted for numbering, never data.
      if (record.every((cell) => cell.trim() === '')) {
        if (++blankRun > MAX_BLANK_RUN) throw tooManyBlankRows(row, book !== undefined);
        continue;
      }
      blankRun = 0;
      if (!book) {
        // A NUL in the header is a binary or UTF-16 file, not one bad cell.
        if (!record.every(isStorableText))
          throw new CsvFileError(
            'CSV_NOT_TEXT',
            'The header holds NUL bytes: not a CSV text file.',
            {
              reason: 'nul',
            },
          );
        book = new OrderBook(resolveColumns(record));
        continue;
      }
      if (++dataRows > maxRows) {
        throw new CsvFileError(
          'CSV_TOO_LARGE',
          `The file has more than ${maxRows} rows; split it.`,
          {
            maxRows,
          },
        );
      }
      book.add(readRow(record, book.columns, row));
    }
    if (!book) throw new CsvFileError('CSV_EMPTY', 'The file is empty.', { rows: 0 });
    if (dataRows === 0) {
      throw new CsvFileError('CSV_EMPTY', 'The file has a header but no order rows.', { rows: 0 });
    }
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    yield { kind: 'file_error', code: error.code, message: error.message, details: error.details };
    return;
  }
  yield* book.events(dataRows);
}

function tooManyBlankRows(row: number, afterHeader: boolean): CsvFileError {
  const details = { reason: 'blank_rows', maxBlankRun: MAX_BLANK_RUN, row };
  return afterHeader
    ? new CsvFileError(
        'CSV_MALFORMED',
        `Rows ${row - MAX_BLANK_RUN} to ${row} are all empty; delete the empty rows and upload the file again.`,
        details,
      )
    : new CsvFileError(
        'CSV_EMPTY',
        `The first ${MAX_BLANK_RUN} rows are empty: the file has no header where an export has one.`,
        details,
      );
}
