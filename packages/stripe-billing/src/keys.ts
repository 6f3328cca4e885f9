/**
 * Idempotency keys derived from stable ids only, so that a retried activity, a replayed
 * workflow or a resumed close sends the same key for the same call.
 */
export const stripeKeys = {
  customer: (tenantId: string) => `customer:${tenantId}`,
  invoice: (c: CloseRef) => `close:${c.tenantId}:${c.period}:${c.currency}:invoice`,
  item: (c: CloseRef, line: string) => `close:${c.tenantId}:${c.period}:${c.currency}:item:${line}`,
  finalize: (c: CloseRef) => `close:${c.tenantId}:${c.period}:${c.currency}:finalize`,
  defaultPaymentMethod: (tenantId: string, paymentMethod: string) =>
    `payment-method:${tenantId}:${paymentMethod}`,
};

/** One invoice of a month close: a tenant, a period (YYYY-MM) and a currency (ISO, upper case). */
export interface CloseRef {
  tenantId: string;
  period: string;
  currency: string;
}
