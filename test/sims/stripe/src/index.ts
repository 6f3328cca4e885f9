export type { RecordedRequest } from './app.ts';
export {
  defaultStripeBehaviour,
  failModes,
  type StripeBehaviour,
  stripeBehaviourSchema,
} from './behaviour.ts';
export { TEST_CARDS } from './checkout.ts';
export { SIM_API_VERSION, type StripeSim, type StripeSimOptions, startStripeSim } from './sim.ts';
export { type Delivery, type StripeEvent, signPayload, type WebhookEndpoint } from './webhooks.ts';
