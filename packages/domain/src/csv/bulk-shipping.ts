import { marketplaceName } from '../carriers/registry.ts';

/** One shipped package line for the marketplace's bulk-shipping upload. */
export interface BulkShippingRow {
  orderId: string;
  packageId?: string;
  skuId?: string;
  productName?: string;
  quantity?: number;
  deliveryOption?: string;
  /** Our carrier code or any alias; written as the marketplace preset name. */
  carrierCode: string;
  trackingNumber: string;
}

/**
 * Columns of the bulk-shipping template, in order. R-TRK-3 fixes the carrier in column 7;
 * the tracking number follows it in column 8:
 *  1 Order ID · 2 Package ID · 3 SKU ID · 4 Product Name · 5 Quantity · 6 Delivery Option ·
 *  7 Shipping Provider Name (preset name, e.g. "USPS") · 8 Tracking ID
 */
export const BULK_SHIPPING_COLUMNS = [
  'Order ID',
  'Package ID',
  'SKU ID',
  'Product Name',
  'Quantity',
  'Delivery Option',
  'Shipping Provider Name',
  'Tracking ID',
] as const;

/**
 * Writes the template: UTF-8 BOM (so Excel shows Chinese product names), CRLF line ends and
 * RFC 4180 quoting. Throws on an unknown carrier, a missing order id or tracking number:
 * the marketplace would reject the line, and a wrong carrier name counts toward a shop freeze
 * (R-PEN-1), so a bad row must stop the export, not slip into it.
 * @example formatBulkShippingCsv([{ orderId: '5764…', carrierCode: 'USPS', trackingNumber: '9400…' }])
 */
export function formatBulkShippingCsv(rows: readonly BulkShippingRow[]): string {
  const lines = [BULK_SHIPPING_COLUMNS.map(quoteCsvField).join(',')];
  rows.forEach((r, i) => {
    const carrier = marketplaceName(r.carrierCode);
    if (!carrier) throw new RangeError(`row ${i + 1}: unknown carrier "${r.carrierCode}"`);
    if (!r.orderId.trim()) throw new RangeError(`row ${i + 1}: order id is empty`);
    if (!r.trackingNumber.trim()) throw new RangeError(`row ${i + 1}: tracking number is empty`);
    if (r.quantity !== undefined && !(Number.isInteger(r.quantity) && r.quantity > 0)) {
      throw new RangeError(`row ${i + 1}: quantity ${r.quantity} is not a positive integer`);
    }
    const cells = [
      r.orderId,
      r.packageId ?? '',
      r.skuId ?? '',
      r.productName ?? '',
      r.quantity === undefined ? '' : String(r.quantity),
      r.deliveryOption ?? '',
      carrier,
      r.trackingNumber.trim(),
    ];
    lines.push(cells.map(quoteCsvField).join(','));
  });
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF (or edge spaces), doubling quotes. */
export function quoteCsvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
