import { safeCsvCell } from './safe-cell.ts';

/** One dispatch of a batch file, with the supplier's own item codes (R-CHK-1, R-IN-4). */
export interface BatchDispatch {
  dispatchId: string;
  orderNumber: string;
  lines: ReadonlyArray<{ skuCode: string; quantity: number; name?: string | undefined }>;
  recipient: {
    name: string;
    phone: string;
    addressLines: readonly string[];
    city: string;
    region?: string | undefined;
    postalCode: string;
    country: string;
  };
  carrier: string;
  /** ISO instants: the marketplace's ship-by, and the acknowledgement deadline (R-SLA-2). */
  shipBy: string;
  ackDueAt: string;
  /** A platform label (TikTok Shipping, R-CHK-3): its number, and where the supplier gets it. */
  label?: { trackingNumber: string; url: string } | undefined;
}

/**
 * The columns of a dispatch batch file (R-RT-2), one row per item line; a dispatch with three
 * items takes three rows with the same `dispatch_id`. Documented in the README.
 */
export const DISPATCH_BATCH_COLUMNS = [
  'dispatch_id',
  'order_number',
  'line',
  'sku_code',
  'quantity',
  'item_name',
  'recipient_name',
  'phone',
  'address_line1',
  'address_line2',
  'address_line3',
  'city',
  'region',
  'postal_code',
  'country',
  'carrier',
  'ship_by',
  'ack_due_at',
  // Appended, so a supplier reading columns by position keeps working (R-CHK-3 labels).
  'label_tracking_number',
  'label_url',
] as const;

/**
 * Writes a batch file: UTF-8 with BOM (Excel shows Chinese item names), CRLF, RFC 4180 quoting,
 * every cell safe against formula injection. The same dispatches give the same bytes, so a
 * batch sent again after a failure is the same file.
 */
export function formatDispatchBatchCsv(dispatches: readonly BatchDispatch[]): string {
  const rows = [DISPATCH_BATCH_COLUMNS.join(',')];
  for (const d of dispatches) {
    const r = d.recipient;
    d.lines.forEach((l, i) => {
      const cells = [
        d.dispatchId,
        d.orderNumber,
        String(i + 1),
        l.skuCode,
        String(l.quantity),
        l.name ?? '',
        r.name,
        r.phone,
        r.addressLines[0] ?? '',
        r.addressLines[1] ?? '',
        r.addressLines[2] ?? '',
        r.city,
        r.region ?? '',
        r.postalCode,
        r.country,
        d.carrier,
        d.shipBy,
        d.ackDueAt,
        d.label?.trackingNumber ?? '',
        d.label?.url ?? '',
      ];
      rows.push(cells.map(safeCsvCell).join(','));
    });
  }
  return `\ufeff${rows.join('\r\n')}\r\n`;
}
