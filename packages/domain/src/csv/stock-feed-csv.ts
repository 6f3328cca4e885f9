import { parse } from 'csv-parse/sync';
import type { StockFeedRow } from '../routing/stock-feed.ts';
import { CsvFileError } from './types.ts';

/** Columns of a stock and cost file, the same names as the partner API's JSON feed. */
export const STOCK_FEED_COLUMNS = ['sku_code', 'stock', 'unit_cost'] as const;

/** As many rows as the partner API's feed takes in one call. */
export const MAX_STOCK_FEED_ROWS = 2000;

/**
 * A supplier's stock and cost CSV (R-RT-1 data) as the rows of the partner API's JSON feed,
 * for checkStockFeed to judge one by one. Only the file as a whole can fail here: not CSV,
 * no `sku_code` or `stock` column, or too many rows. Row `i` of the result is file line `i + 2`.
 */
export function parseStockFeedCsv(text: string): StockFeedRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch {
    throw new CsvFileError('CSV_MALFORMED', 'the file is not readable as CSV');
  }
  const [header, ...rows] = records;
  if (!header) throw new CsvFileError('CSV_EMPTY', 'the file is empty');
  const at = header.map((h) => h.trim().toLowerCase());
  const col = (name: string) => at.indexOf(name);
  if (col('sku_code') < 0 || col('stock') < 0)
    throw new CsvFileError('CSV_COLUMNS_MISSING', 'the header needs sku_code and stock');
  if (rows.length === 0) throw new CsvFileError('CSV_EMPTY', 'the file has no rows');
  if (rows.length > MAX_STOCK_FEED_ROWS)
    throw new CsvFileError('CSV_TOO_LARGE', `at most ${MAX_STOCK_FEED_ROWS} rows per file`);
  const cell = (r: string[], name: string) => {
    const i = col(name);
    const v = i < 0 ? undefined : r[i]?.trim();
    return v === '' ? undefined : v;
  };
  return rows.map((r) => ({
    sku_code: cell(r, 'sku_code'),
    stock: cell(r, 'stock'),
    unit_cost: cell(r, 'unit_cost'),
  }));
}
