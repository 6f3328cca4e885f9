import { CsvFileError } from './types.ts';

/** The export columns the importer reads; every other column is ignored. */
export type Field =
  | 'orderId'
  | 'status'
  | 'skuId'
  | 'sellerSku'
  | 'productName'
  | 'quantity'
  | 'amount'
  | 'currency'
  | 'recipient'
  | 'phone'
  | 'zipcode'
  | 'country'
  | 'state'
  | 'city'
  | 'detailAddress'
  | 'additionalAddress'
  | 'deliveryOption'
  | 'carrier'
  | 'createdTime';

/**
 * Header names per field: the English seller-center header first (used in messages), then
 * the Chinese seller-center header and spellings seen in re-saved or hand-made files.
 */
export const HEADER_ALIASES: Record<Field, readonly string[]> = {
  orderId: ['Order ID', '订单号', '订单编号', '订单ID'],
  status: ['Order Status', '订单状态'],
  skuId: ['SKU ID', 'SKU编号'],
  sellerSku: ['Seller SKU', '卖家SKU', '商家SKU'],
  productName: ['Product Name', '商品名称'],
  quantity: ['Quantity', '数量', '商品数量'],
  amount: ['Order Amount', '订单金额'],
  currency: ['Currency', '币种', '货币'],
  recipient: ['Recipient', '收件人', '收件人姓名'],
  phone: ['Phone #', 'Phone', 'Phone Number', '电话', '收件人电话', '联系电话'],
  zipcode: ['Zipcode', 'Zip Code', 'Postal Code', 'Postcode', '邮编'],
  country: ['Country', 'Country/Region', '国家', '国家/地区'],
  state: ['State', 'Province', '州/省', '省/州'],
  city: ['City', '城市'],
  detailAddress: ['Detail Address', '详细地址'],
  additionalAddress: ['Additional address information', '附加地址信息', '补充地址'],
  deliveryOption: ['Delivery Option', '配送方式', '配送选项'],
  carrier: ['Shipping Provider Name', 'Shipping Provider', '物流商', '物流服务商', '承运商'],
  createdTime: ['Created Time', '创建时间', '下单时间'],
};

/** R-IN-4 plus the carrier; `sku` is satisfied by either SKU ID or Seller SKU. */
const REQUIRED: readonly (Field | 'sku')[] = [
  'orderId',
  'sku',
  'quantity',
  'recipient',
  'phone',
  'detailAddress',
  'country',
  'carrier',
];

/**
 * Case- and space-insensitive header key. NFKC folds the full-width letters Chinese input
 * methods produce ("ＳＫＵ"); zero-width and BOM characters come from re-saved files.
 */
function headerKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200b\ufeff]+/g, '');
}

const FIELD_BY_KEY = new Map<string, Field>();
for (const [field, names] of Object.entries(HEADER_ALIASES) as [Field, readonly string[]][]) {
  for (const name of names) FIELD_BY_KEY.set(headerKey(name), field);
}

/** Where each known field sits in a row, and the header text the file uses for it. */
export interface ColumnMap {
  index: Partial<Record<Field, number>>;
  header: readonly string[];
  width: number;
}

/** Maps a header row to fields, or throws the file error that explains what is wrong. */
export function resolveColumns(header: readonly string[]): ColumnMap {
  const index: Partial<Record<Field, number>> = {};
  const duplicates: string[] = [];
  header.forEach((name, i) => {
    const field = FIELD_BY_KEY.get(headerKey(name));
    if (!field) return;
    // Two columns for one field (e.g. "Order ID" and "订单号") could disagree; picking one
    // silently could ship to the wrong address, so the file is refused.
    if (index[field] !== undefined) duplicates.push(`${header[index[field]]} / ${name}`);
    else index[field] = i;
  });
  if (duplicates.length > 0) {
    throw new CsvFileError(
      'CSV_COLUMNS_DUPLICATE',
      `Columns appear twice: ${duplicates.join(', ')}. Keep one of each.`,
      { duplicates },
    );
  }
  const missing = REQUIRED.filter((f) =>
    f === 'sku'
      ? index.skuId === undefined && index.sellerSku === undefined
      : index[f] === undefined,
  ).map((f) => (f === 'sku' ? 'Seller SKU or SKU ID' : HEADER_ALIASES[f][0]!));
  if (missing.length > 0) {
    throw new CsvFileError(
      'CSV_COLUMNS_MISSING',
      `Not a seller-center order export: missing column(s) ${missing.join(', ')}.`,
      { missing, found: [...header] },
    );
  }
  return { index, header, width: header.length };
}

/** Header text of a field for error messages: the file's own spelling when present. */
export function columnName(columns: ColumnMap, field: Field): string {
  const i = columns.index[field];
  return (i === undefined ? undefined : columns.header[i]) ?? HEADER_ALIASES[field][0]!;
}
