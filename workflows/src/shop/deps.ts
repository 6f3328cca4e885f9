import type { MarketplaceDeps } from '../shared/deps.ts';
import type { OrderIntake } from '../shared/order-intake.ts';

/** What the per-shop activities need; the worker wires the real ones. */
export interface ShopActivityDeps extends MarketplaceDeps {
  /** Where reconciliation hands the orders it finds (R-IN-2). */
  orders: Pick<OrderIntake, 'startOrRelease' | 'cancel'>;
}
