/**
 * CSV intake and export (R-IN-3, R-TRK-3). A separate entry (`@switchyard/domain/csv`) because
 * it depends on csv-parse and Node streams, which must stay out of Temporal workflow bundles.
 */
export {
  BULK_SHIPPING_COLUMNS,
  type BulkShippingRow,
  formatBulkShippingCsv,
} from './bulk-shipping.ts';
export { HEADER_ALIASES } from './columns.ts';
export { DEFAULT_MAX_ROWS, MAX_BLANK_RUN, parseOrderExport } from './parse-order-export.ts';
export { safeCsvCell } from './safe-cell.ts';
export {
  MAX_SKU_MAPPING_ROWS,
  parseSkuMappingCsv,
  SKU_MAPPING_COLUMNS,
  type SkuMappingCsvRow,
} from './sku-mapping-csv.ts';
export {
  MAX_STOCK_FEED_ROWS,
  parseStockFeedCsv,
  STOCK_FEED_COLUMNS,
} from './stock-feed-csv.ts';
export {
  ANSWER_COLUMNS,
  type AnswerRow,
  type AnswerRowError,
  type AnswerRowErrorCode,
  MAX_ANSWER_BYTES,
  MAX_ANSWER_ROWS,
  type ParsedAnswers,
  parseSupplierAnswers,
} from './supplier-answers.ts';
export {
  type BatchDispatch,
  DISPATCH_BATCH_COLUMNS,
  formatDispatchBatchCsv,
} from './supplier-batch.ts';
export {
  type AnswerFileReport,
  type AnswerRowResult,
  formatAnswerReportCsv,
} from './supplier-report.ts';
export {
  type CsvEvent,
  CsvFileError,
  type CsvFileErrorCode,
  type CsvOrder,
  type CsvRowError,
  type CsvRowErrorCode,
} from './types.ts';
