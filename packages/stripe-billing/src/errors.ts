/** Why a billing step cannot go on by retrying; activities turn it into a non-retryable failure. */
export type BillingErrorCode =
  | 'BILLING_TOTAL_MISMATCH'
  | 'BILLING_INVOICE_NOT_DRAFT'
  | 'BILLING_NO_CUSTOMER'
  | 'STRIPE_REJECTED';

export class BillingError extends Error {
  constructor(
    readonly code: BillingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BillingError';
  }
}
