export {
  defaultBehaviour,
  type SimCarrier,
  type SupplierBehaviour,
  type SupplierMode,
  simCarriers,
  supplierBehaviourSchema,
  supplierModes,
} from './behaviour.ts';
export type { CarrierAccount } from './carrier-labels.ts';
export type { PartnerCall } from './partner-client.ts';
export { type SupplierSim, type SupplierSimOptions, startSupplierSim } from './sim.ts';
export type {
  PrintedLabel,
  ReceivedDispatch,
  ReceivedNotice,
  ShippedDispatch,
} from './supplier.ts';
export { generateBadTrackingNumber, generateTrackingNumber, type Rng } from './tracking.ts';
