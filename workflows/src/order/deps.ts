import type { FeeSchedule } from '@switchyard/domain';
import type { SupplierConnector } from '@switchyard/suppliers';
import type { MarketplaceDeps } from '../shared/deps.ts';

/** What the order activities need from the outside world; the worker wires the real ones. */
export interface OrderActivityDeps extends MarketplaceDeps {
  suppliers: SupplierConnector;
  /** Base URL suppliers call back (`…/partner/v1`). */
  partnerApiUrl: string;
  fees: FeeSchedule;
  now?: () => Date;
}
