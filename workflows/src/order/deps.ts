import type { FeePlan } from '@switchyard/billing';
import type { CarrierTracking } from '@switchyard/carriers';
import type { SupplierConnector } from '@switchyard/suppliers';
import type { MarketplaceDeps } from '../shared/deps.ts';

/** What the order activities need from the outside world; the worker wires the real ones. */
export interface OrderActivityDeps extends MarketplaceDeps {
  suppliers: SupplierConnector;
  /** Base URL suppliers call back (`…/partner/v1`). */
  partnerApiUrl: string;
  /** The platform's default plan, for tenants without one of their own (R-BIL-1). */
  fees: FeePlan;
  /**
   * Asks carriers whether they know a tracking number before it is pushed (R-TRK-2). Absent,
   * numbers go out on their format check alone, as before the carrier check existed.
   */
  carriers?: CarrierTracking;
  /**
   * R-RT-2: failed delivery attempts in a row after which a supplier's endpoint is paused and
   * routing skips it until an operator resumes it (default 30: five orders' worth of retries).
   */
  pauseAfterFailures?: number;
  now?: () => Date;
}
