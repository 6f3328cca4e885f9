/** Why an onboarding operation refused, as a stable code each edge maps to its own errors. */
export type OnboardingErrorCode =
  /** The marketplace did not accept the authorization code: invalid, used or expired. */
  | 'OAUTH_CODE_INVALID'
  /** The marketplace failed otherwise while completing the authorization. */
  | 'MARKETPLACE_UNAVAILABLE'
  /** R-ONB-1: a shop of the authorization is bound to another tenant. */
  | 'SHOP_BOUND_ELSEWHERE'
  /** The tenant already has a file-only shop with this id. */
  | 'SHOP_ALREADY_EXISTS'
  /** A supplier's connector settings are incomplete or invalid (schedule, address, SFTP). */
  | 'CONNECTOR_INVALID'
  /** No supplier with this id. */
  | 'SUPPLIER_NOT_FOUND';

export class OnboardingError extends Error {
  override readonly name = 'OnboardingError';

  constructor(
    readonly code: OnboardingErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
