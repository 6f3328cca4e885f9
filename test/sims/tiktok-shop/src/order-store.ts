import type { AuthStore } from './auth-store.ts';
import type { SimClock } from './clock.ts';
import { generateOrder } from './generate.ts';
import type { Rng } from './rng.ts';
import type { CreateOrderInput, SimOrder, SimOrderStatus } from './types.ts';
import type { WebhookEmitter } from './webhooks.ts';

/**
 * `order_status` of the order status webhook, from the values TikTok documents for it (reference
 * §3). PARTIALLY_SHIPPING is not among them, so moving into it is not announced; the Order API
 * still shows it.
 */
const WEBHOOK_STATUS: Partial<Record<SimOrderStatus, string>> = {
  UNPAID: 'UNPAID',
  ON_HOLD: 'ON_HOLD',
  AWAITING_SHIPMENT: 'AWAITING_SHIPMENT',
  AWAITING_COLLECTION: 'AWAITING_COLLECTION',
  IN_TRANSIT: 'IN_TRANSIT',
  DELIVERED: 'DELIVERED',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCEL',
};

/**
 * A line item's `display_status`: its own status, so only the statuses a single line can be in.
 * What TikTok shows for the lines of an ON_HOLD order is not documented, so the sim shows
 * nothing rather than invent a value; PARTIALLY_SHIPPING describes an order, not a line.
 */
function lineStatus(order: SimOrderStatus, shipped: boolean): string | undefined {
  if (order === 'ON_HOLD') return undefined;
  if (order === 'PARTIALLY_SHIPPING') return shipped ? 'AWAITING_COLLECTION' : 'AWAITING_SHIPMENT';
  return order;
}

/** Orders and their status machine (reference §4 transitions). */
export class OrderStore {
  readonly orders = new Map<string, SimOrder>();

  constructor(
    private readonly deps: {
      auth: AuthStore;
      clock: SimClock;
      rng: Rng;
      webhooks: WebhookEmitter;
      onHoldMs: number;
      badAddressRate: number;
      /** Divides the deadlines of new orders (compressed time); 1 is the marketplace's own. */
      slaScale: number;
      /** How the webhook spells a cancellation; the docs disagree (reference §3, §10). */
      cancelStatus: 'CANCEL' | 'CANCELLED';
    },
  ) {}

  create(shopId: string, input: Partial<CreateOrderInput> = {}): SimOrder {
    const shop = this.deps.auth.shops.get(shopId);
    if (!shop) throw new Error(`unknown shop ${shopId}`);
    const { clock, rng } = this.deps;
    // Every paid order passes the remorse window unless the sim runs without one.
    const order = generateOrder(shop, input, rng, clock.nowSec(), {
      badAddressRate: this.deps.badAddressRate,
      onHoldOrder: this.deps.onHoldMs > 0,
    });
    if (this.deps.slaScale !== 1) order.slaScale = this.deps.slaScale;
    this.orders.set(order.id, order);
    this.notify(order);
    if (input.paid !== false) this.pay(order.id);
    return order;
  }

  /** UNPAID → ON_HOLD, then AWAITING_SHIPMENT once the remorse window has passed. */
  pay(orderId: string): void {
    const o = this.must(orderId);
    if (o.status !== 'UNPAID') throw new Error(`order ${orderId} is ${o.status}, not UNPAID`);
    o.paidTime = this.deps.clock.nowSec();
    if (this.deps.onHoldMs <= 0) {
      this.transition(o, 'AWAITING_SHIPMENT');
      return;
    }
    this.transition(o, 'ON_HOLD');
    this.deps.clock.after(this.deps.onHoldMs, () => {
      if (o.status === 'ON_HOLD') this.transition(o, 'AWAITING_SHIPMENT');
    });
  }

  /** Ends the remorse window now instead of when it runs out: ON_HOLD → AWAITING_SHIPMENT. */
  release(orderId: string): SimOrder {
    const o = this.must(orderId);
    if (o.status !== 'ON_HOLD') throw new Error(`order ${orderId} is ${o.status}, not ON_HOLD`);
    this.transition(o, 'AWAITING_SHIPMENT');
    return o;
  }

  /** A carrier's first scan seen by TikTok: AWAITING_COLLECTION → IN_TRANSIT. */
  scan(orderId: string): SimOrder {
    const o = this.must(orderId);
    if (o.status !== 'AWAITING_COLLECTION') throw new Error(`cannot scan order in ${o.status}`);
    o.collectionTime = this.deps.clock.nowSec();
    this.setLinePackageStatus(o, 'FULFILLING');
    this.transition(o, 'IN_TRANSIT');
    return o;
  }

  deliver(orderId: string): SimOrder {
    const o = this.must(orderId);
    if (o.status !== 'IN_TRANSIT') throw new Error(`cannot deliver order in ${o.status}`);
    o.deliveryTime = this.deps.clock.nowSec();
    this.setLinePackageStatus(o, 'COMPLETED');
    this.transition(o, 'DELIVERED');
    return o;
  }

  cancel(orderId: string): SimOrder {
    const o = this.must(orderId);
    if (['DELIVERED', 'COMPLETED', 'CANCELLED'].includes(o.status)) {
      throw new Error(`cannot cancel order in ${o.status}`);
    }
    o.cancelTime = this.deps.clock.nowSec();
    this.transition(o, 'CANCELLED');
    this.deps.webhooks.emit(o.shopId, 11, {
      order_id: o.id,
      cancellations_role: 'BUYER',
      cancel_status: 'CANCELLATION_REQUEST_COMPLETE',
      cancel_id: this.deps.rng.numericId('5771'),
      create_time: o.cancelTime,
    });
    return o;
  }

  updateAddress(orderId: string, patch: Record<string, unknown>): SimOrder {
    const o = this.must(orderId);
    o.recipientAddress = { ...o.recipientAddress, ...patch };
    o.updateTime = this.deps.clock.nowSec();
    this.deps.webhooks.emit(o.shopId, 3, { order_id: o.id, update_time: o.updateTime });
    return o;
  }

  transition(o: SimOrder, status: SimOrderStatus): void {
    // Lines change on their own within PARTIALLY_SHIPPING, so they are restated every time.
    for (const li of o.lineItems) {
      const shown = lineStatus(status, li.package_id !== undefined);
      if (shown === undefined) delete li.display_status;
      else li.display_status = shown;
    }
    if (o.status === status) return;
    o.status = status;
    o.updateTime = this.deps.clock.nowSec();
    this.notify(o);
  }

  must(orderId: string): SimOrder {
    const o = this.orders.get(orderId);
    if (!o) throw new Error(`unknown order ${orderId}`);
    return o;
  }

  private setLinePackageStatus(o: SimOrder, status: string): void {
    for (const li of o.lineItems) {
      if (li.package_id) li.package_status = status;
    }
  }

  private notify(o: SimOrder): void {
    const status = o.status === 'CANCELLED' ? this.deps.cancelStatus : WEBHOOK_STATUS[o.status];
    if (status === undefined) return;
    this.deps.webhooks.emit(o.shopId, 1, {
      order_id: o.id,
      order_status: status,
      is_on_hold_order: o.onHoldOrder,
      update_time: o.updateTime,
    });
  }
}
