export { computeMarkup, computeOrderFee, DEFAULT_FEE_SCHEDULE, type FeeSchedule } from './fees.ts';
export type { Hold } from './holds.ts';
export { currencyExponent, formatMoney, parseMoney } from './money.ts';
export {
  type FulfillmentOrder,
  ORDER_STATUSES,
  type OrderStatus,
  orderWorkflowId,
  type Recipient,
} from './order.ts';
export { toE164 } from './phone.ts';
export { checkRequiredFields } from './required-fields.ts';
export { rankSuppliers, type SupplierCandidate } from './routing.ts';
