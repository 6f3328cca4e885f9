export {
  CarrierTrackingError,
  type CarrierTrackingErrorCode,
  type CarrierTrackingErrorInit,
  classifyCarrierStatus,
} from './errors.ts';
export { createHttpCarrierTracking, type HttpCarrierTrackingOptions } from './http-tracking.ts';
export {
  CARRIER_TRACKING_STATUSES,
  type CarrierTracking,
  type CarrierTrackingQuery,
  type CarrierTrackingResult,
  type CarrierTrackingStatus,
  isKnownToCarrier,
  type LookupOptions,
  MAX_BATCH,
} from './tracking.ts';
