import { parse } from 'csv-parse/sync';
import { CsvFileError } from './types.ts';

/** A small CSV file read whole: its data rows and a cell reader by column name. */
export interface SmallTable<Column extends string> {
  rows: string[][];
  /** The trimmed cell of a row under `name`; '' when the column or the cell is missing. */
  cell: (row: string[], name: Column) => string;
}

/**
 * Reads a small CSV file (a feed or a mapping, bounded by `maxRows`) whose first line names its
 * columns. Only the file as a whole can fail here: not CSV, a required column missing, no rows,
 * too many; each row is left for its caller to judge. Row `i` of `rows` is file line `i + 2`.
 */
export function readSmallTable<Column extends string>(
  text: string,
  required: readonly Column[],
  maxRows: number,
): SmallTable<Column> {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch {
    throw new CsvFileError('CSV_MALFORMED', 'the file is not readable as CSV');
  }
  const [header, ...rows] = records;
  if (!header) throw new CsvFileError('CSV_EMPTY', 'the file is empty');
  const at = header.map((h) => h.trim().toLowerCase());
  if (required.some((name) => !at.includes(name)))
    throw new CsvFileError('CSV_COLUMNS_MISSING', `the header needs ${required.join(' and ')}`);
  if (rows.length === 0) throw new CsvFileError('CSV_EMPTY', 'the file has no rows');
  if (rows.length > maxRows)
    throw new CsvFileError('CSV_TOO_LARGE', `at most ${maxRows} rows per file`);
  return {
    rows,
    cell: (row, name) => {
      const i = at.indexOf(name);
      return i < 0 ? '' : (row[i] ?? '').trim();
    },
  };
}
