import { seededRng } from '@switchyard/domain/testing';
import { type CarrierAccount, createCarrierLabel } from '../carrier-labels.ts';
import { type PartnerClient, sleep } from '../partner-client.ts';
import type { InboundDispatch } from '../payload.ts';
import {
  carrierCodeOf,
  generateBadTrackingNumber,
  generateTrackingNumber,
  type Rng,
} from '../tracking.ts';
import { seedOf } from './distribution.ts';
import { type DispatchPlan, planDispatch } from './plan.ts';
import type { SupplierProfile } from './profile.ts';

/** What one simulated supplier did, counted per dispatch it read. */
export interface DeskStats {
  received: number;
  silent: number;
  rejected: number;
  outOfStock: number;
  acknowledged: number;
  /** Acknowledgements the platform refused: the dispatch was withdrawn in the meantime. */
  ackRefused: number;
  shipped: number;
  badTracking: number;
}

export interface DeskDeps {
  profile: SupplierProfile;
  seed: number;
  /** Simulated ms per real ms: 1,800 runs an hour in two seconds. */
  timeScale: number;
  partner: PartnerClient;
  carrier: () => CarrierAccount | undefined;
  now: () => number;
  signal: AbortSignal;
}

/**
 * One supplier's order desk: reads each dispatch once (by id, however it arrived), draws its
 * plan, and carries it out on the partner API in real time scaled down.
 */
export function createDesk(deps: DeskDeps) {
  const { profile: p } = deps;
  const seen = new Map<string, DispatchPlan>();
  const stats: DeskStats = {
    received: 0,
    silent: 0,
    rejected: 0,
    outOfStock: 0,
    acknowledged: 0,
    ackRefused: 0,
    shipped: 0,
    badTracking: 0,
  };
  const jobs = new Set<Promise<void>>();
  let unitsLeft = p.stockUnits;
  let soldOutFeedSent = false;
  const items = new Set<string>();
  const wait = (simMs: number) => sleep(Math.max(0, simMs / deps.timeScale), deps.signal);
  const path = (id: string, step: string) => `/dispatches/${encodeURIComponent(id)}/${step}`;

  async function carryOut(d: InboundDispatch, plan: DispatchPlan, rng: Rng) {
    const id = d.dispatch_id;
    const base = d.callback_base_url ?? '';
    const receivedAt = deps.now();
    if (plan.kind === 'silent') return;
    if (plan.kind === 'reject') {
      await wait(plan.afterMs);
      stats.rejected += 1;
      await deps.partner.post(
        base,
        path(id, 'reject'),
        { reason: 'cannot_fulfil' },
        `${id}:reject`,
      );
      return;
    }
    await wait(plan.ackAfterMs);
    const units = d.order.lines.reduce((n, l) => n + l.quantity, 0);
    if (unitsLeft !== null && unitsLeft < units) {
      stats.outOfStock += 1;
      await deps.partner.post(base, path(id, 'reject'), { reason: 'out_of_stock' }, `${id}:oos`);
      await sendSoldOut(base);
      return;
    }
    if (unitsLeft !== null) unitsLeft -= units;
    const expectedShipAt = new Date(receivedAt + plan.shipAfterMs / deps.timeScale).toISOString();
    const ack = { expected_ship_at: expectedShipAt, channel: p.carrier };
    const acked = await deps.partner.post(base, path(id, 'ack'), ack, `${id}:ack`);
    if (acked < 200 || acked >= 300) {
      // Withdrawn while we were slow: the goods go back on the shelf.
      stats.ackRefused += 1;
      if (unitsLeft !== null) unitsLeft += units;
      return;
    }
    stats.acknowledged += 1;
    await wait(plan.shipAfterMs - plan.ackAfterMs);
    if (plan.badTracking) {
      stats.badTracking += 1;
      const typo = generateBadTrackingNumber(p.carrier, rng);
      const shipment = { tracking_number: typo, carrier: p.carrier };
      await deps.partner.post(base, path(id, 'shipment'), shipment, `${id}:ship-typo`);
      await wait(plan.fixAfterMs);
    }
    await ship(id, base, rng, `${id}:ship`);
  }

  /** Prints the label at the carrier (R-TRK-2), then reports the shipment. */
  async function ship(id: string, base: string, rng: Rng, key: string) {
    const trackingNumber = generateTrackingNumber(p.carrier, rng);
    await createCarrierLabel(deps.carrier(), carrierCodeOf(p.carrier), trackingNumber, deps.signal);
    const shipment = { tracking_number: trackingNumber, carrier: p.carrier };
    const status = await deps.partner.post(base, path(id, 'shipment'), shipment, key);
    if (status >= 200 && status < 300) stats.shipped += 1;
  }

  /** The shelf is empty: one stock feed says so, and routing stops sending orders (R-RT-1). */
  async function sendSoldOut(base: string) {
    if (soldOutFeedSent || items.size === 0) return;
    soldOutFeedSent = true;
    const rows = [...items].map((sku_code) => ({ sku_code, stock: 0 }));
    await deps.partner.post(base, '/catalog/stock', { items: rows }, `${p.code}:sold-out`);
  }

  function track(job: Promise<void>) {
    const settled = job.catch(() => undefined);
    jobs.add(settled);
    void settled.finally(() => jobs.delete(settled));
  }

  return {
    profile: p,
    /** Takes one dispatch in; a second sight of the same dispatch id changes nothing. */
    take(d: InboundDispatch): boolean {
      if (seen.has(d.dispatch_id)) return false;
      const rng = seededRng(seedOf(deps.seed, p.code, d.order.order_number));
      const plan = planDispatch(p, rng);
      seen.set(d.dispatch_id, plan);
      stats.received += 1;
      if (plan.kind === 'silent') stats.silent += 1;
      for (const l of d.order.lines) items.add(l.sku_code);
      track(carryOut(d, plan, rng));
      return true;
    },
    /** A `tracking.rejected` notice (R-TRK-2): the warehouse reads the label again and resends. */
    reship(dispatchId: string, noticeId: string, base: string) {
      if (!seen.has(dispatchId)) return;
      track(ship(dispatchId, base, seededRng(seedOf(deps.seed, noticeId)), `${noticeId}:reship`));
    },
    has: (dispatchId: string) => seen.has(dispatchId),
    plans: () => new Map(seen),
    stats: () => ({ ...stats }),
    unitsLeft: () => unitsLeft,
    idle: () => Promise.all([...jobs]).then(() => undefined),
  };
}

export type Desk = ReturnType<typeof createDesk>;
