import { findCarrier } from '../carriers/registry.ts';
import { parseMoney } from '../money.ts';
import { toE164 } from '../phone.ts';
import { isStorableText } from '../storable-text.ts';
import { type ColumnMap, columnName, type Field } from './columns.ts';
import { defaultCurrency, toCountryCode } from './countries.ts';
import type { CsvRowError, CsvRowErrorCode } from './types.ts';

/**
 * Order-level values of one row, normalized where a normal form exists (E.164 phone, ISO
 * country, carrier code, minor units) so two rows that say the same thing compare equal.
 */
export interface OrderValues {
  status: string;
  currency: string;
  totalMinor: string;
  recipient: string;
  phone: string;
  detailAddress: string;
  additionalAddress: string;
  zipcode: string;
  city: string;
  state: string;
  country: string;
  carrier: string;
  deliveryOption: string;
}

export interface RowLine {
  skuId: string;
  sellerSku: string;
  name: string;
  quantity: number;
}

/** What one data row contributes: its order id (null if absent), errors, values and line. */
export interface RowFacts {
  row: number;
  orderId: string | null;
  errors: CsvRowError[];
  values: OrderValues;
  line: RowLine;
  createdTime: string;
}

/** Statuses that must never be shipped again from an export that mixes in old orders. */
const NOT_SHIPPABLE = new Set(
  ['cancelled', 'canceled', 'shipped', 'in transit', 'delivered', 'completed'].concat([
    '已取消',
    '已发货',
    '运输中',
    '已签收',
    '已完成',
  ]),
);

// TikTok ids are digits; other exports use letters, dashes and underscores. Excel turns long
// ids into "5.76461E+17", which must never be matched to a real order.
const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function readRow(cells: readonly string[], columns: ColumnMap, row: number): RowFacts {
  const get = (field: Field): string => {
    const i = columns.index[field];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const errors: CsvRowError[] = [];
  const fail = (field: Field | null, code: CsvRowErrorCode, message: string) =>
    errors.push({ row, column: field ? columnName(columns, field) : '(row)', code, message });

  const unstorable = cells.findIndex((c) => !isStorableText(c));
  // An id that cannot be stored names no order: the row is reported on its own.
  const orderId = isStorableText(get('orderId')) ? get('orderId') : '';
  const extra = cells.slice(columns.width);
  // Trailing empty cells are harmless (some tools pad rows with commas).
  const mismatch = cells.length < columns.width || extra.some((c) => c.trim() !== '');
  if (unstorable >= 0) {
    // Report only this: other messages quote cells, and the report is stored.
    errors.push({
      row,
      column: columns.header[unstorable] ?? '(row)',
      code: 'INPUT_INVALID_TEXT',
      message: 'The cell holds a NUL character or an unpaired surrogate; fix or remove it.',
    });
  } else if (mismatch) {
    // Shifted cells (an unquoted comma) make every value suspect: report only this.
    fail(
      null,
      'ROW_COLUMNS_MISMATCH',
      `The row has ${cells.length} cells, the header has ${columns.width}.`,
    );
  } else {
    if (!orderId) fail('orderId', 'ORDER_ID_MISSING', 'The row has no order id.');
    else if (!ORDER_ID.test(orderId)) fail('orderId', 'ORDER_ID_INVALID', orderIdMessage(orderId));
    checkLine(get, fail, columns.index.sellerSku !== undefined ? 'sellerSku' : 'skuId');
    if (!get('recipient')) fail('recipient', 'RECIPIENT_MISSING', 'The recipient name is empty.');
    if (!get('detailAddress'))
      fail('detailAddress', 'ADDRESS_MISSING', 'The street address is empty.');
    const status = get('status');
    if (NOT_SHIPPABLE.has(status.toLowerCase()))
      fail('status', 'STATUS_NOT_SHIPPABLE', `Order status "${status}" is not awaiting shipment.`);
  }
  const values = readValues(get, mismatch || unstorable >= 0 ? null : fail);
  const line = {
    skuId: get('skuId'),
    sellerSku: get('sellerSku'),
    name: get('productName'),
    quantity: Number(get('quantity')),
  };
  return { row, orderId: orderId || null, errors, values, line, createdTime: get('createdTime') };
}

type Get = (field: Field) => string;
type Fail = (field: Field | null, code: CsvRowErrorCode, message: string) => void;

function checkLine(get: Get, fail: Fail, skuColumn: Field): void {
  if (!get('skuId') && !get('sellerSku'))
    fail(skuColumn, 'SKU_MISSING', 'The row has neither Seller SKU nor SKU ID.');
  const q = get('quantity');
  if (!/^\d{1,6}$/.test(q) || Number(q) === 0)
    fail('quantity', 'QUANTITY_INVALID', `Quantity "${q}" is not a whole number of at least 1.`);
}

/**
 * Normalizes the order-level cells. Validation messages name the problem, never the value,
 * for buyer data (phone, address): reports end up in logs (R-ONB-3). `fail` is null when
 * the row already failed structurally: values are still read, for conflict comparison.
 */
function readValues(get: Get, fail: Fail | null): OrderValues {
  const report: Fail = fail ?? (() => {});
  const rawPhone = get('phone');
  const phone = toE164(rawPhone);
  if (!phone) report('phone', 'PHONE_INVALID', phoneMessage(rawPhone));
  const country = toCountryCode(get('country'));
  if (!country)
    report('country', 'COUNTRY_UNKNOWN', `Country "${get('country')}" is not a known country.`);
  const carrier = findCarrier(get('carrier'));
  if (!carrier) {
    const name = get('carrier');
    report(
      'carrier',
      'CARRIER_UNKNOWN',
      name ? `"${name}" is not a known shipping provider.` : 'No shipping provider is set.',
    );
  }
  const rawCurrency = get('currency').toUpperCase();
  const currency = rawCurrency || (country ? defaultCurrency(country) : null);
  if (country && !(currency && /^[A-Z]{3}$/.test(currency)))
    report('currency', 'CURRENCY_UNKNOWN', `No currency is known for ${rawCurrency || country}.`);
  const totalMinor = readAmount(get('amount'), currency ?? 'USD');
  if (totalMinor === null)
    report('amount', 'AMOUNT_INVALID', `Order amount "${get('amount')}" is not a plain amount.`);
  return {
    status: get('status'),
    currency: currency ?? rawCurrency,
    totalMinor: totalMinor?.toString() ?? get('amount'),
    recipient: get('recipient'),
    phone: phone ?? rawPhone,
    detailAddress: get('detailAddress'),
    additionalAddress: get('additionalAddress'),
    zipcode: get('zipcode'),
    city: get('city'),
    state: get('state'),
    country: country ?? get('country'),
    carrier: carrier?.code ?? get('carrier'),
    deliveryOption: get('deliveryOption'),
  };
}

/** "12.30", "$12.30", "USD 1,234.50"; empty means the export left it out (0). */
function readAmount(cell: string, currency: string): bigint | null {
  if (!cell) return 0n;
  let s = cell.replace(/^(?:[A-Z]{3}\s*)?[$€£¥₱฿₫]?\s*/u, '').replace(/\s*[A-Z]{3}$/, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  try {
    const minor = parseMoney(s, currency);
    return minor < 0n ? null : minor;
  } catch {
    return null;
  }
}

function phoneMessage(raw: string): string {
  if (!raw) return 'The phone number is empty.';
  if (raw.includes('*')) return 'The phone number is masked (***); export with full buyer data.';
  return 'The phone number has no country code (+1, +44 …) or is not a phone number.';
}

function orderIdMessage(id: string): string {
  return /e\+?\d+$/i.test(id)
    ? `Order id "${id}" was turned into a number by Excel; use the file as exported.`
    : `Order id "${id}" is not a valid order id.`;
}
