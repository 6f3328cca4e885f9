import { quoteCsvField } from '../../csv/bulk-shipping.ts';
import { type Field, HEADER_ALIASES } from '../../csv/columns.ts';
import { seededRng } from '../rng.ts';
import { EXTRAS, MARKETS, NAMES, PRODUCTS, STREETS, VARIATIONS } from './data.ts';
import { DEFECTS, type ExpectedRejection } from './defects.ts';

/**
 * Test helpers: seller-center exports generated deterministically from a seed, with known
 * damage mixed in, so a test can compare the importer's report with the exact expectation.
 */

/** One export row by field; `extra` appends cells past the header (a shifted row). */
export type ExportRow = Partial<Record<Field, string>> & { extra?: string[] };

/** Column order of a real export: fields we read interleaved with ones we ignore. */
// biome-ignore format: a column list
const LAYOUT: readonly string[] = [
  'orderId', 'status', 'Order Substatus', 'skuId', 'sellerSku', 'productName', 'Variation',
  'quantity', 'SKU Unit Original Price', 'amount', 'createdTime', 'Paid Time', 'Tracking ID',
  'deliveryOption', 'carrier', 'Buyer Message', 'recipient', 'phone', 'zipcode', 'country',
  'state', 'County', 'city', 'detailAddress', 'additionalAddress', 'Payment Method', 'Weight(kg)',
];
const FILLER: Record<string, string> = {
  'Buyer Message': 'Please ship fast, "thanks"',
  'Weight(kg)': '0.35',
};
const isField = (c: string): c is Field => Object.hasOwn(HEADER_ALIASES, c);

export interface ExportFormat {
  /** Header language: the seller center exists in English and Chinese. */
  language?: 'en' | 'zh';
  eol?: '\r\n' | '\n';
  bom?: boolean;
}

/** Writes rows as a seller-center export (BOM and CRLF by default, as the seller center does). */
export function toExportCsv(rows: readonly ExportRow[], format: ExportFormat = {}): string {
  const { language = 'en', eol = '\r\n', bom = true } = format;
  const header = LAYOUT.map((c) =>
    isField(c) ? HEADER_ALIASES[c][language === 'zh' ? 1 : 0]! : c,
  );
  const lines = [header.map(quoteCsvField).join(',')];
  for (const row of rows) {
    const cells = LAYOUT.map((c) => (isField(c) ? (row[c] ?? '') : (FILLER[c] ?? '')));
    lines.push([...cells.map(quoteCsvField), ...(row.extra ?? [])].join(','));
  }
  return `${bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`;
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** TikTok-style 18-digit order id, unique per index. */
export const fixtureOrderId = (i: number) => `5764${String(i).padStart(14, '0')}`;

/** The rows of one clean order: 1-3 lines sharing recipient, carrier and amount. */
export function generateOrderRows(rng: Rng, i: number): ExportRow[] {
  const market = rng() < 0.7 ? MARKETS[0]! : pick(rng, MARKETS);
  const [city, state, zipcode] = pick(rng, market.cities);
  const digits =
    String(int(rng, 2, 9)) +
    String(int(rng, 0, 10 ** (market.phoneDigits - 1) - 1)).padStart(market.phoneDigits - 1, '0');
  const lines = Array.from({ length: int(rng, 1, 3) }, () => ({
    skuId: `17${String(int(rng, 0, 39)).padStart(16, '0')}`,
    productName: pick(rng, PRODUCTS),
    quantity: int(rng, 1, 5),
  }));
  const yen = market.spellings[0] === 'Japan';
  const cents = lines.reduce((s, l) => s + l.quantity * int(rng, 299, 4999), 0);
  const id = fixtureOrderId(i);
  const order: ExportRow = {
    // The seller center prefixes ids with a tab so Excel keeps them as text.
    orderId: rng() < 0.3 ? `\t${id}` : id,
    status: rng() < 0.5 ? 'Awaiting shipment' : '待发货',
    amount: yen ? String(cents) : (cents / 100).toFixed(2),
    createdTime: `06/${String(int(rng, 10, 28))}/2024 10:${String(int(rng, 10, 59))}:07 AM`,
    deliveryOption: 'Standard shipping',
    carrier: pick(rng, market.carriers),
    recipient: pick(rng, NAMES),
    phone: `${market.phonePrefix}${digits}`,
    zipcode,
    country: pick(rng, market.spellings),
    state,
    city,
    detailAddress: `${int(rng, 1, 9999)} ${pick(rng, STREETS)}${rng() < 0.3 ? ', Building 5' : ''}`,
    additionalAddress: pick(rng, EXTRAS),
  };
  return lines.map((l) => ({
    ...order,
    skuId: l.skuId,
    sellerSku: `SKU-${l.skuId.slice(-2)}`,
    productName: `${l.productName} (${pick(rng, VARIATIONS)})`,
    quantity: String(l.quantity),
  }));
}

/**
 * A seller-center export of `orders` orders; every `badEvery`-th order is damaged by the next
 * defect in {@link DEFECTS}. About 5% of multi-line orders have their last row moved after
 * the next order, since exports do not promise contiguous orders.
 */
export function generateOrderExport(
  opts: { orders: number; badEvery?: number; seed?: number } & ExportFormat,
): { csv: string; rows: number; expected: { accepted: string[]; rejected: ExpectedRejection[] } } {
  const rng = seededRng(opts.seed ?? 1);
  const out: ExportRow[] = [];
  const accepted: string[] = [];
  const rejected: ExpectedRejection[] = [];
  let deferred: ExportRow | undefined;
  for (let i = 0; i < opts.orders; i++) {
    const rows = generateOrderRows(rng, i);
    const bad = opts.badEvery && (i + 1) % opts.badEvery === 0;
    if (bad)
      rejected.push(
        ...DEFECTS[Math.floor(i / opts.badEvery!) % DEFECTS.length]!.apply(
          rows,
          fixtureOrderId(i),
          i,
        ),
      );
    else accepted.push(fixtureOrderId(i));
    const held = deferred;
    deferred = rows.length > 1 && rng() < 0.05 ? rows.pop() : undefined;
    out.push(...rows);
    if (held) out.push(held);
  }
  if (deferred) out.push(deferred);
  return { csv: toExportCsv(out, opts), rows: out.length, expected: { accepted, rejected } };
}
