import type { RoutingLine, RoutingNeed, RoutingSupplier, SupplierRecord } from './candidate.ts';
import { expectedShipMs } from './ship-time.ts';

/** How much each part of the score counts (R-RT-1: cost, speed, record). Policy as data. */
export interface RoutingWeights {
  cost: number;
  speed: number;
  record: number;
}

export const DEFAULT_ROUTING_WEIGHTS: Readonly<RoutingWeights> = Object.freeze({
  cost: 0.4,
  speed: 0.3,
  record: 0.3,
});

/** A candidate able to take a set of lines, with the parts of its score for the explanation. */
export interface RankedCandidate {
  supplierId: string;
  code: string;
  /** Weighted sum of the parts, 0..1, four decimals. */
  score: number;
  /** Each 0..1, four decimals: cheapest landed cost / this one; margin to the deadline; record. */
  parts: { cost: number; speed: number; record: number };
  landedCostMinor: number;
  expectedShipAt: string;
  /** Expected to ship after the marketplace's deadline: only used when no one can make it. */
  late: boolean;
  pinned: boolean;
}

// A supplier with few outcomes is scored as if it had this many more at the network's usual
// rates, so one lucky order does not put a newcomer above a proven supplier, nor one bad one
// below it.
const PRIOR_WEIGHT = 10;
const PRIOR_RATE = 0.9;
const smoothed = (hits: number, of: number) =>
  (hits + PRIOR_RATE * PRIOR_WEIGHT) / (of + PRIOR_WEIGHT);

/** The scorecard as one figure: acknowledging in time, shipping on time, valid tracking. */
export function scoreRecord(r: SupplierRecord): number {
  return (
    0.3 * smoothed(r.ackedInTime, r.dispatched) +
    0.4 * smoothed(r.shippedOnTime, r.shipped) +
    0.3 * smoothed(r.validTracking, r.shipped)
  );
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** Code-point order, the same in every locale: ties break identically everywhere. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function landedCost(s: RoutingSupplier, lines: readonly RoutingLine[]): number {
  let total = s.parcelCostMinor ?? 0;
  for (const l of lines) total += (s.items[l.supplierItemCode]?.unitCostMinor ?? 0) * l.quantity;
  return total;
}

/**
 * Ranks suppliers that can all take `lines`, best first: the tenant's pins in the tenant's
 * order, then those expected to ship before the deadline, then by score, then by code, so
 * the same data always gives the same decision.
 */
export function rankCandidates(
  suppliers: readonly RoutingSupplier[],
  lines: readonly RoutingLine[],
  need: RoutingNeed,
  weights: RoutingWeights = DEFAULT_ROUTING_WEIGHTS,
): RankedCandidate[] {
  const costs = suppliers.map((s) => landedCost(s, lines));
  const cheapest = Math.min(...costs);
  const window = need.shipByMs - need.nowMs;
  const ranked = suppliers.map((s, i): RankedCandidate => {
    const shipMs = expectedShipMs(need.nowMs, s);
    const late = shipMs > need.shipByMs;
    const parts = {
      cost: round4(costs[i]! > 0 ? cheapest / costs[i]! : 1),
      speed: round4(late || window <= 0 ? 0 : (need.shipByMs - shipMs) / window),
      record: round4(scoreRecord(s.record)),
    };
    return {
      supplierId: s.id,
      code: s.code,
      score: round4(
        weights.cost * parts.cost + weights.speed * parts.speed + weights.record * parts.record,
      ),
      parts,
      landedCostMinor: costs[i]!,
      expectedShipAt: new Date(shipMs).toISOString(),
      late,
      pinned: need.pinned.includes(s.id),
    };
  });
  const pinRank = (c: RankedCandidate) =>
    c.pinned ? need.pinned.indexOf(c.supplierId) : need.pinned.length;
  return ranked.sort(
    (a, b) =>
      pinRank(a) - pinRank(b) ||
      Number(a.late) - Number(b.late) ||
      b.score - a.score ||
      compareText(a.code, b.code) ||
      compareText(a.supplierId, b.supplierId),
  );
}
