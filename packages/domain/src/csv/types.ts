import type { FulfillmentOrder } from '../order.ts';

/**
 * File-level problems. Any of them means nothing from the file may be imported: the caller
 * discards every event it has seen from this parse (in practice none, see parse-order-export).
 */
export type CsvFileErrorCode =
  | 'CSV_EMPTY'
  | 'CSV_NOT_TEXT'
  | 'CSV_COLUMNS_MISSING'
  | 'CSV_COLUMNS_DUPLICATE'
  | 'CSV_MALFORMED'
  | 'CSV_TOO_LARGE';

/** Row-level problems: stable codes, each one rejects the whole order the row belongs to. */
export type CsvRowErrorCode =
  | 'ORDER_ID_MISSING'
  | 'ORDER_ID_INVALID'
  | 'SKU_MISSING'
  | 'QUANTITY_INVALID'
  | 'RECIPIENT_MISSING'
  | 'PHONE_INVALID'
  | 'ADDRESS_MISSING'
  | 'COUNTRY_UNKNOWN'
  | 'CARRIER_UNKNOWN'
  | 'AMOUNT_INVALID'
  | 'CURRENCY_UNKNOWN'
  | 'STATUS_NOT_SHIPPABLE'
  | 'ROW_COLUMNS_MISMATCH'
  | 'ORDER_CONFLICT'
  | 'ORDER_ROW_UNATTRIBUTED'
  /** A cell holds U+0000 or an unpaired surrogate, which cannot be stored (same code as the api). */
  | 'INPUT_INVALID_TEXT';

export interface CsvRowError {
  /** Row number as a spreadsheet shows it: the header is row 1, the first data row is row 2. */
  row: number;
  /** Header text as it appears in the file, so the seller can find the cell. */
  column: string;
  code: CsvRowErrorCode;
  message: string;
}

/** What a CSV row can fill of a {@link FulfillmentOrder}, tagged with where it came from. */
export type CsvOrder = FulfillmentOrder & {
  source: 'csv';
  /** "Created Time" as written in the export; kept as text because it carries no time zone. */
  createdTime: string | null;
};

export type CsvEvent =
  | {
      kind: 'file_error';
      code: CsvFileErrorCode;
      message: string;
      details: Record<string, unknown>;
    }
  | { kind: 'order'; orderNumber: string; rows: number[]; order: CsvOrder }
  | { kind: 'rejected'; orderNumber: string | null; rows: number[]; errors: CsvRowError[] }
  | {
      kind: 'summary';
      /** Data rows read (blank rows excluded). */
      rows: number;
      /** Distinct order ids: accepted + rejected. */
      orders: number;
      accepted: number;
      /** Orders with an id that were rejected (rows without an id are counted below). */
      rejected: number;
      /** Rows without an order id, each reported as its own `rejected` event. */
      unattributedRows: number;
    };

/**
 * The file as a whole cannot be imported. Thrown inside the pipeline and turned into the single
 * `file_error` event; an import that meets that event throws it again for its caller.
 */
export class CsvFileError extends Error {
  constructor(
    readonly code: CsvFileErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CsvFileError';
  }
}
