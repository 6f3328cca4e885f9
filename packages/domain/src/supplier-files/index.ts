export {
  isFileConnector,
  pushesAtDispatch,
  SUPPLIER_CONNECTORS,
  SUPPLIER_FILE_SOURCES,
  SUPPLIER_FILE_STATUSES,
  type SupplierConnectorKind,
  type SupplierFileSource,
  type SupplierFileStatus,
} from './connector.ts';
export {
  type FileSchedule,
  formatScheduleTime,
  latestSlotMs,
  MAX_SLOTS_PER_DAY,
  nextSlotMs,
  parseScheduleTimes,
} from './schedule.ts';
