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
export type { DeskStats } from './network/desk.ts';
export { type Distribution, draw } from './network/distribution.ts';
export {
  type NetworkSupplier,
  type SupplierNetwork,
  type SupplierNetworkOptions,
  startSupplierNetwork,
} from './network/network.ts';
export { type DispatchPlan, planDispatch } from './network/plan.ts';
export { reliableProfile, type SupplierProfile, supplierProfileSchema } from './network/profile.ts';
export type { PartnerCall } from './partner-client.ts';
export { type SupplierSim, type SupplierSimOptions, startSupplierSim } from './sim.ts';
export type {
  PrintedLabel,
  ReceivedDispatch,
  ReceivedNotice,
  ShippedDispatch,
} from './supplier.ts';
export { generateBadTrackingNumber, generateTrackingNumber, type Rng } from './tracking.ts';
