/** Why a billing operation was refused; the api maps each code to its answer. */
export type BillingErrorCode =
  | 'TENANT_NOT_FOUND'
  | 'ORDER_NOT_FOUND'
  | 'PLAN_INVALID'
  | 'PLAN_RETROACTIVE'
  | 'PLAN_IN_EFFECT'
  | 'ADJUSTMENT_INVALID'
  | 'ADJUSTMENT_KEY_REUSED';

export class BillingError extends Error {
  override readonly name = 'BillingError';
  constructor(
    readonly code: BillingErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
