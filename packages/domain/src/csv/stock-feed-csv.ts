import type { StockFeedRow } from '../routing/stock-feed.ts';
import { readSmallTable } from './small-table.ts';

/** Columns of a stock and cost file, the same names as the partner API's JSON feed. */
export const STOCK_FEED_COLUMNS = ['sku_code', 'stock', 'unit_cost'] as const;
type StockFeedColumn = (typeof STOCK_FEED_COLUMNS)[number];

/** As many rows as the partner API's feed takes in one call. */
export const MAX_STOCK_FEED_ROWS = 2000;

/**
 * A supplier's stock and cost CSV (R-RT-1 data) as the rows of the partner API's JSON feed,
 * for checkStockFeed to judge one by one. Only the file as a whole can fail here: not CSV,
 * no `sku_code` or `stock` column, or too many rows. Row `i` of the result is file line `i + 2`.
 */
export function parseStockFeedCsv(text: string): StockFeedRow[] {
  const { rows, cell } = readSmallTable<StockFeedColumn>(
    text,
    ['sku_code', 'stock'],
    MAX_STOCK_FEED_ROWS,
  );
  const value = (r: string[], name: StockFeedColumn) => cell(r, name) || undefined;
  return rows.map((r) => ({
    sku_code: value(r, 'sku_code'),
    stock: value(r, 'stock'),
    unit_cost: value(r, 'unit_cost'),
  }));
}
