import { CODES, SimApiError } from './api-error.ts';
import { deliveryOption, normalizeTracking, provider } from './carriers.ts';
import type { SimClock } from './clock.ts';
import type { OrderStore } from './order-store.ts';
import type { Rng } from './rng.ts';
import type { SimOrder, SimPackage } from './types.ts';

const FREEZE_MS = 24 * 3600_000; // R-PEN-1: 24 h shipping freeze
const STRIKES_TO_FREEZE = 3; // R-PEN-1: three consecutive bad push-backs
const UPDATE_WINDOW_MS = 72 * 3600_000; // reference §5: order-level update within 72 h

interface ShopPenalty {
  consecutive: number;
  total: number;
  frozenUntilMs: number;
}

export interface ShipInput {
  trackingNumber: string;
  shippingProviderId: string;
  orderLineItemIds?: string[] | undefined;
}

/** Seller-shipping writes: Mark Package As Shipped and the order-level shipping info update. */
export class Fulfillment {
  private penalties = new Map<string, ShopPenalty>();

  constructor(private readonly deps: { orders: OrderStore; clock: SimClock; rng: Rng }) {}

  penalty(shopId: string): ShopPenalty {
    let p = this.penalties.get(shopId);
    if (!p) {
      p = { consecutive: 0, total: 0, frozenUntilMs: 0 };
      this.penalties.set(shopId, p);
    }
    return p;
  }

  markShipped(shopId: string, orderId: string, input: ShipInput) {
    const o = this.orderOfShop(shopId, orderId);
    this.assertNotFrozen(shopId);
    if (o.shippingType === 'TIKTOK') {
      throw new SimApiError(
        CODES.FULFILLED_BY_TIKTOK,
        'The order ships with TikTok Shipping: buy its label and ship the package instead',
      );
    }
    if (o.status !== 'AWAITING_SHIPMENT' && o.status !== 'PARTIALLY_SHIPPING') {
      throw new SimApiError(
        CODES.ORDER_NOT_SHIPPABLE,
        `Order status ${o.status} does not allow shipping`,
      );
    }
    const unshipped = o.lineItems.filter((li) => !li.package_id);
    // Omitted ids ship every remaining line (TikTok's default is UNCONFIRMED, reference §5).
    const ids = input.orderLineItemIds?.length
      ? input.orderLineItemIds
      : unshipped.map((l) => l.id);
    for (const id of ids) {
      if (!unshipped.some((l) => l.id === id)) {
        throw new SimApiError(
          CODES.BAD_LINE_ITEMS,
          `order_line_item_id ${id} is unknown or already shipped`,
        );
      }
    }
    const { tracking, prov } = this.validateTracking(shopId, o, input);
    const pkg: SimPackage = {
      id: this.deps.rng.numericId('1153'),
      trackingNumber: tracking,
      shippingProviderId: prov.id,
      shippingProviderName: prov.name,
      orderLineItemIds: [...ids],
      shippedAtMs: this.deps.clock.now(),
    };
    o.packages.push(pkg);
    for (const li of o.lineItems) {
      if (ids.includes(li.id)) this.stamp(li, pkg, this.deps.clock.nowSec());
    }
    const allShipped = o.lineItems.every((li) => li.package_id);
    if (allShipped) o.rtsTime = this.deps.clock.nowSec();
    this.deps.orders.transition(o, allShipped ? 'AWAITING_COLLECTION' : 'PARTIALLY_SHIPPING');
    return { order_id: o.id, package_id: pkg.id, order_line_item_ids: ids };
  }

  updateShippingInfo(shopId: string, orderId: string, input: ShipInput): void {
    const o = this.orderOfShop(shopId, orderId);
    this.assertNotFrozen(shopId);
    const first = o.packages[0];
    if (!first) throw new SimApiError(CODES.NOT_SHIPPED_YET, 'Order has not been shipped yet');
    if (o.status === 'DELIVERED' || o.status === 'COMPLETED') {
      throw new SimApiError(CODES.ALREADY_DELIVERED, 'Order has already been delivered');
    }
    if (o.packages.length > 1) {
      throw new SimApiError(CODES.ORDER_IS_SPLIT, 'Order is split; update each package instead');
    }
    if (this.deps.clock.now() - first.shippedAtMs > UPDATE_WINDOW_MS) {
      throw new SimApiError(
        CODES.UPDATE_WINDOW_CLOSED,
        'Shipping info can only be updated within 72 hours',
      );
    }
    const { tracking, prov } = this.validateTracking(shopId, o, input);
    first.trackingNumber = tracking;
    first.shippingProviderId = prov.id;
    first.shippingProviderName = prov.name;
    for (const li of o.lineItems)
      if (li.package_id === first.id) this.stamp(li, first, li.rts_time);
    o.updateTime = this.deps.clock.nowSec();
  }

  private stamp(li: SimOrder['lineItems'][number], pkg: SimPackage, rts: number | undefined) {
    li.package_id = pkg.id;
    li.package_status = 'PROCESSING';
    li.tracking_number = pkg.trackingNumber;
    li.shipping_provider_id = pkg.shippingProviderId;
    li.shipping_provider_name = pkg.shippingProviderName;
    if (rts !== undefined) li.rts_time = rts;
  }

  private orderOfShop(shopId: string, orderId: string): SimOrder {
    const o = this.deps.orders.orders.get(orderId);
    if (!o || o.shopId !== shopId) {
      throw new SimApiError(CODES.ORDER_NOT_FOUND, `Order ${orderId} not found in this shop`, 404);
    }
    return o;
  }

  private assertNotFrozen(shopId: string): void {
    const p = this.penalty(shopId);
    if (p.frozenUntilMs > this.deps.clock.now()) {
      throw new SimApiError(
        CODES.SHOP_SHIPPING_FROZEN,
        `Shop shipping frozen until ${new Date(p.frozenUntilMs).toISOString()} after repeated invalid tracking`,
        403,
      );
    }
  }

  /** Provider must serve the order's delivery option; number must fit the provider's shape. */
  private validateTracking(shopId: string, o: SimOrder, input: ShipInput) {
    const tracking = normalizeTracking(input.trackingNumber);
    const prov = provider(input.shippingProviderId);
    const option = deliveryOption(o.deliveryOptionId);
    let problem: string | undefined;
    if (!prov || !option?.providerIds.includes(prov.id)) {
      problem = `Shipping provider ${input.shippingProviderId} is not available for this order`;
    } else if (!prov.tracking.test(tracking)) {
      problem = `Tracking number is invalid for ${prov.name}`;
    }
    const p = this.penalty(shopId);
    if (problem || !prov) {
      p.consecutive += 1;
      p.total += 1;
      if (p.consecutive >= STRIKES_TO_FREEZE) {
        p.frozenUntilMs = this.deps.clock.now() + FREEZE_MS;
        p.consecutive = 0;
      }
      throw new SimApiError(CODES.INVALID_TRACKING, problem ?? 'Invalid shipping provider');
    }
    p.consecutive = 0; // R-PEN-1 counts consecutive strikes; a good push resets
    return { tracking, prov };
  }
}
