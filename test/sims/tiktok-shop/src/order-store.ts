import type { AuthStore } from './auth-store.ts';
import type { SimClock } from './clock.ts';
import { generateOrder } from './generate.ts';
import type { Rng } from './rng.ts';
import type { CreateOrderInput, SimOrder, SimOrderStatus } from './types.ts';
import type { WebhookEmitter } from './webhooks.ts';

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
    if (o.status === status) return;
    o.status = status;
    o.updateTime = this.deps.clock.nowSec();
    for (const li of o.lineItems) li.display_status = status;
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
    // The webhook topic spells cancellation `CANCEL` (reference §3); receivers must normalize.
    this.deps.webhooks.emit(o.shopId, 1, {
      order_id: o.id,
      order_status: o.status === 'CANCELLED' ? 'CANCEL' : o.status,
      is_on_hold_order: o.onHoldOrder,
      update_time: o.updateTime,
    });
  }
}
