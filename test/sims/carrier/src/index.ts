export { MAX_BATCH, type RequestLogEntry } from './app.ts';
export {
  type CarrierBehaviour,
  carrierBehaviourSchema,
  defaultCarrierBehaviour,
  failModes,
} from './behaviour.ts';
export { type CarrierSim, type CarrierSimOptions, startCarrierSim } from './sim.ts';
