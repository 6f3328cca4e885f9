import type { RouteDecision } from './routing/index.ts';
import { compareText } from './routing/score.ts';

/**
 * How an order's suppliers are chosen (R-RT-1). `ranked`, the platform's way: every able
 * supplier, best score first, the rest being the fallbacks re-routing walks. `first_eligible`:
 * only the first able supplier by code, no fallback — what a seller does by hand, and the
 * baseline the seller outcome simulation measures the platform against.
 */
export type RoutingMode = 'ranked' | 'first_eligible';

/**
 * The suppliers an order tries, in order, for a routing decision and mode.
 * @example candidatesFor({ kind: 'single', ranked: [b, a], rejected: [] }, 'first_eligible') // [a.supplierId] when a.code < b.code
 */
export function candidatesFor(decision: RouteDecision, mode: RoutingMode = 'ranked'): string[] {
  if (decision.kind !== 'single') return [];
  if (mode === 'ranked') return decision.ranked.map((c) => c.supplierId);
  const first = [...decision.ranked].sort(
    (a, b) => compareText(a.code, b.code) || compareText(a.supplierId, b.supplierId),
  )[0];
  return first ? [first.supplierId] : [];
}
