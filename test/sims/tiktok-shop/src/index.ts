export { CODES as SIM_ERROR_CODES } from './api-error.ts';
export { DELIVERY_OPTIONS, PROVIDERS, USPS_ID } from './carriers.ts';
export { PRODUCTS as SIM_PRODUCTS } from './fixtures.ts';
export type { SimLabelPackage } from './labels.ts';
export { SHIPPING_SERVICES, type SimShippingService } from './shipping-services.ts';
export { startTikTokShopSim, type TikTokShopSim, type TikTokShopSimOptions } from './sim.ts';
export type {
  CreateOrderInput,
  CreateOrderItem,
  SimFaults,
  SimLineItem,
  SimOrder,
  SimOrderStatus,
  SimPackage,
  SimShop,
  WebhookLogEntry,
} from './types.ts';
