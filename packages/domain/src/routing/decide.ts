import type { RejectionReason, RoutingLine, RoutingNeed, RoutingSupplier } from './candidate.ts';
import {
  compareText,
  DEFAULT_ROUTING_WEIGHTS,
  type RankedCandidate,
  type RoutingWeights,
  rankCandidates,
} from './score.ts';

export interface Rejection {
  supplierId: string;
  code: string;
  reasons: RejectionReason[];
}

/** One group of lines a single supplier fills, with its ranked fallbacks for re-routing. */
export interface LineGroup {
  lines: RoutingLine[];
  ranked: RankedCandidate[];
}

/**
 * The routing decision with its explanation (R-RT-1): who is chosen (the first ranked), the
 * ranked fallbacks re-routing walks, every rejected supplier and why. `split`: no supplier
 * stocks every line, so the order goes out as line groups. `none`: no supplier (or set of
 * suppliers) can take it; `unfillable` lists the lines no eligible supplier stocks.
 */
export type RouteDecision =
  | { kind: 'single'; ranked: RankedCandidate[]; rejected: Rejection[] }
  | { kind: 'split'; groups: LineGroup[]; rejected: Rejection[] }
  | { kind: 'none'; unfillable: RoutingLine[]; rejected: Rejection[] };

/** Lines of the same supplier item become one, so stock is checked against their sum. */
function mergeLines(lines: readonly RoutingLine[]): RoutingLine[] {
  const byCode = new Map<string, number>();
  for (const l of lines)
    byCode.set(l.supplierItemCode, (byCode.get(l.supplierItemCode) ?? 0) + l.quantity);
  return [...byCode].map(([supplierItemCode, quantity]) => ({ supplierItemCode, quantity }));
}

/** The hard filters that do not depend on the lines. */
function generalReasons(s: RoutingSupplier, need: RoutingNeed): RejectionReason[] {
  const reasons: RejectionReason[] = [];
  if (need.excluded.includes(s.id)) reasons.push('excluded_by_tenant');
  if (!s.countries.includes(need.country)) reasons.push('destination_not_served');
  if (!s.carriers.includes(need.carrier)) reasons.push('channel_not_authorized');
  if (s.parcelCostMinor === null) reasons.push('no_parcel_rate');
  if (s.dailyCapacity !== null && s.dispatchedToday >= s.dailyCapacity)
    reasons.push('capacity_full');
  return reasons;
}

const fills = (s: RoutingSupplier, l: RoutingLine) =>
  (s.items[l.supplierItemCode]?.stock ?? 0) >= l.quantity;

function stockReasons(s: RoutingSupplier, lines: readonly RoutingLine[]): RejectionReason[] {
  const reasons: RejectionReason[] = [];
  if (lines.some((l) => !s.items[l.supplierItemCode])) reasons.push('item_not_stocked');
  if (lines.some((l) => s.items[l.supplierItemCode] && !fills(s, l))) reasons.push('out_of_stock');
  return reasons;
}

/**
 * Decides where an order goes (R-RT-1). Hard filters first (tenant exclusions, destination,
 * channel, a parcel rate, capacity left today, every mapped item in stock), then a score of
 * landed cost, expected ship time against the marketplace deadline and the supplier's record.
 * When no supplier stocks every line, the lines are split greedily: the supplier that fills the
 * most remaining lines (then the best scored, then by code) takes a group, until all are placed.
 */
export function routeOrder(
  suppliers: readonly RoutingSupplier[],
  need: RoutingNeed,
  weights: RoutingWeights = DEFAULT_ROUTING_WEIGHTS,
): RouteDecision {
  const lines = mergeLines(need.lines);
  const open: RoutingSupplier[] = [];
  const eligible: RoutingSupplier[] = [];
  const rejected: Rejection[] = [];
  for (const s of suppliers) {
    const general = generalReasons(s, need);
    const reasons = [...general, ...stockReasons(s, lines)];
    if (general.length === 0) open.push(s);
    if (reasons.length === 0) eligible.push(s);
    else rejected.push({ supplierId: s.id, code: s.code, reasons });
  }
  rejected.sort((a, b) => compareText(a.code, b.code));
  if (eligible.length > 0)
    return { kind: 'single', ranked: rankCandidates(eligible, lines, need, weights), rejected };

  const groups: LineGroup[] = [];
  let remaining = lines;
  while (remaining.length > 0) {
    let best: { lines: RoutingLine[]; top: RankedCandidate } | undefined;
    for (const s of open) {
      const covered = remaining.filter((l) => fills(s, l));
      if (covered.length === 0 || (best && covered.length < best.lines.length)) continue;
      const [top] = rankCandidates([s], covered, need, weights);
      if (!best || covered.length > best.lines.length || better(top!, best.top))
        best = { lines: covered, top: top! };
    }
    if (!best) break;
    const group = best.lines;
    const able = open.filter((s) => group.every((l) => fills(s, l)));
    groups.push({ lines: group, ranked: rankCandidates(able, group, need, weights) });
    remaining = remaining.filter((l) => !group.includes(l));
  }
  if (remaining.length > 0 || groups.length === 0)
    return { kind: 'none', unfillable: remaining, rejected };
  // Groups read in the order of the order's own lines.
  groups.sort((a, b) => lines.indexOf(a.lines[0]!) - lines.indexOf(b.lines[0]!));
  return { kind: 'split', groups, rejected };
}

/** Whether `a` beats `b` for the same lines: on time, score, then code (deterministic). */
function better(a: RankedCandidate, b: RankedCandidate): boolean {
  if (a.late !== b.late) return !a.late;
  if (a.score !== b.score) return a.score > b.score;
  return a.code < b.code;
}
