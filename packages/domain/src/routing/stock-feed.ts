import { parseMoney } from '../money.ts';
import { isStorableText } from '../storable-text.ts';

/** A row of a supplier's stock and cost feed as it arrived (JSON or a CSV row). */
export interface StockFeedRow {
  sku_code?: unknown;
  stock?: unknown;
  /** Unit cost in the settlement currency (USD) as a decimal string, e.g. "3.50". */
  unit_cost?: unknown;
  /** Grams a unit, a whole number from 1 to 100,000; absent keeps what the catalog has. */
  weight_grams?: unknown;
}

/** Why a feed row was not applied; every other row of the feed still is. */
export type StockFeedRowError =
  | 'SKU_CODE_INVALID'
  | 'STOCK_INVALID'
  | 'COST_INVALID'
  | 'WEIGHT_INVALID'
  /** A code the supplier's catalog does not have, sent without the cost that would add it. */
  | 'ITEM_UNKNOWN'
  /** The same code twice in one feed: which one is meant cannot be known, so neither counts. */
  | 'DUPLICATE_ROW';

export interface StockFeedUpdate {
  supplierItemCode: string;
  stock: number;
  /** Null: keep the cost the catalog has. */
  unitCostMinor: number | null;
  /** Grams a unit; absent: keep the weight the catalog has. */
  weightGrams?: number;
}

export interface StockFeedCheck {
  updates: StockFeedUpdate[];
  rejected: Array<{ index: number; code: StockFeedRowError; message: string }>;
}

const SKU_CODE = /^[\p{L}\p{N}][\p{L}\p{N}._\-/ ]{0,63}$/u;
const MAX_STOCK = 10_000_000;
const MAX_COST_MINOR = 100_000_000; // a million dollars a unit is a typo
const MAX_WEIGHT_GRAMS = 100_000; // a 100 kg unit is no parcel

/**
 * Checks a stock and cost feed row by row (R-RT-1 data): good rows become updates, bad ones
 * are reported with a stable code and their position, and never stop the good ones.
 * `known` is the set of codes already in the supplier's catalog.
 */
export function checkStockFeed(
  rows: readonly StockFeedRow[],
  known: ReadonlySet<string>,
): StockFeedCheck {
  const updates: StockFeedUpdate[] = [];
  const rejected: StockFeedCheck['rejected'] = [];
  const seen = new Map<string, number[]>();
  for (const [index, row] of rows.entries()) {
    const reject = (code: StockFeedRowError, message: string) => {
      rejected.push({ index, code, message });
    };
    const sku = typeof row.sku_code === 'string' ? row.sku_code.trim() : '';
    if (!SKU_CODE.test(sku) || !isStorableText(sku)) {
      reject('SKU_CODE_INVALID', 'sku_code: 1–64 letters, digits, . _ - / or spaces');
      continue;
    }
    const stock =
      typeof row.stock === 'string' && /^\d+$/.test(row.stock) ? Number(row.stock) : row.stock;
    if (typeof stock !== 'number' || !Number.isInteger(stock) || stock < 0 || stock > MAX_STOCK) {
      reject('STOCK_INVALID', `stock: a whole number from 0 to ${MAX_STOCK}`);
      continue;
    }
    let unitCostMinor: number | null = null;
    if (row.unit_cost !== undefined && row.unit_cost !== null && row.unit_cost !== '') {
      const cost = costOf(row.unit_cost);
      if (cost === undefined) {
        reject('COST_INVALID', 'unit_cost: a decimal amount in USD, e.g. "3.50"');
        continue;
      }
      unitCostMinor = cost;
    }
    let weightGrams: number | null = null;
    if (row.weight_grams !== undefined && row.weight_grams !== null && row.weight_grams !== '') {
      const w =
        typeof row.weight_grams === 'string' && /^\d{1,6}$/.test(row.weight_grams.trim())
          ? Number(row.weight_grams.trim())
          : row.weight_grams;
      if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > MAX_WEIGHT_GRAMS) {
        reject(
          'WEIGHT_INVALID',
          `weight_grams: a whole number of grams from 1 to ${MAX_WEIGHT_GRAMS}`,
        );
        continue;
      }
      weightGrams = w;
    }
    if (unitCostMinor === null && !known.has(sku)) {
      reject('ITEM_UNKNOWN', `${sku} is not in the catalog; send its unit_cost to add it`);
      continue;
    }
    seen.set(sku, [...(seen.get(sku) ?? []), index]);
    updates.push({
      supplierItemCode: sku,
      stock,
      unitCostMinor,
      ...(weightGrams !== null && { weightGrams }),
    });
  }
  const duplicated = (sku: string) => (seen.get(sku)?.length ?? 0) > 1;
  for (const [sku, indices] of seen)
    if (duplicated(sku))
      for (const index of indices)
        rejected.push({
          index,
          code: 'DUPLICATE_ROW',
          message: `${sku} appears more than once; none of its rows were applied`,
        });
  rejected.sort((a, b) => a.index - b.index);
  return { updates: updates.filter((u) => !duplicated(u.supplierItemCode)), rejected };
}

function costOf(v: unknown): number | undefined {
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined;
  if (text === undefined || !/^\d{1,9}(\.\d{1,2})?$/.test(text.trim())) return undefined;
  const minor = Number(parseMoney(text.trim(), 'USD'));
  return minor <= MAX_COST_MINOR ? minor : undefined;
}
