import { type CsvEvent, parseOrderExport } from '../csv/index.ts';
import { byteChunks, collectEvents } from './streams.ts';

/** Hand-written export rows for the unit tests: one shape, overridable per cell. */
export const HEADER =
  'Order ID,Order Status,SKU ID,Seller SKU,Product Name,Quantity,Order Amount,Recipient,Phone #,Zipcode,Country,State,City,Detail Address,Additional address information,Shipping Provider Name';
export const row = (
  id: string,
  sku: string,
  qty: string,
  extra: Partial<Record<string, string>> = {},
) =>
  [
    id,
    'Awaiting shipment',
    `17000${sku}`,
    `SKU-${sku}`,
    extra.name ?? '"无线蓝牙耳机, ""Pro"""',
    qty,
    extra.amount ?? '25.98',
    extra.recipient ?? 'Emily Johnson',
    extra.phone ?? '(+1)2015550123',
    '90012',
    extra.country ?? 'United States',
    'California',
    'Los Angeles',
    extra.address ?? '"123 Main St, Apt 4"',
    '"Leave at door\r\nRing twice"',
    extra.carrier ?? 'USPS',
  ].join(',');

export const parse = (csv: string, size = 7) =>
  collectEvents(parseOrderExport(byteChunks(csv, size)));
export const kinds = (events: CsvEvent[]) => events.map((e) => e.kind);
export const orders = (events: CsvEvent[]) => events.filter((e) => e.kind === 'order');
export const rejected = (events: CsvEvent[]) => events.filter((e) => e.kind === 'rejected');
