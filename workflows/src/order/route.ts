import { appendOrderEvent, loadRoutingData, type SupplierLine, type Trx } from '@switchyard/db';
import {
  candidatesFor,
  DEFAULT_FULFILLMENT_POLICY,
  type RouteDecision,
  type RoutingMode,
  routeOrder,
} from '@switchyard/domain';

/** How many rejected suppliers the timeline names; the rest are counted. */
const EXPLAINED_REJECTIONS = 20;

/** One line group of a split order: its supplier item codes and its suppliers, best first. */
export interface LineGroupRoute {
  index: number;
  /** Supplier item codes and quantities (no buyer data): what the group's packages hold. */
  lines: Array<{ supplierItemCode: string; quantity: number }>;
  candidates: string[];
}

/**
 * R-RT-1: decides where an order goes from the registry (one statement) and puts the decision
 * with its explanation on the order's timeline, where the tenant and `orders.diagnose` read it.
 * Returns the suppliers to try, best first: the chosen one, then the fallbacks re-routing walks;
 * none when the order is split, whose line groups `groups` gives, each with its own.
 */
export async function routeOrderGroups(
  trx: Trx,
  order: {
    tenantId: string;
    orderId: string;
    country: string | null;
    carrier: string | null;
    lines: readonly SupplierLine[];
    shipBy: Date | null;
    now: Date;
    /** `first_eligible` keeps only the first able supplier by code; default `ranked`. */
    mode?: RoutingMode | undefined;
  },
): Promise<{ candidates: string[]; groups: LineGroupRoute[] }> {
  const country = order.country ?? '';
  const carrier = order.carrier ?? '';
  const nowMs = order.now.getTime();
  const lines = order.lines.map((l) => ({
    supplierItemCode: l.supplierItemCode,
    quantity: l.quantity,
  }));
  const data = await loadRoutingData(trx, {
    itemCodes: lines.map((l) => l.supplierItemCode),
    country,
    carrier,
    now: order.now,
  });
  const decision = routeOrder(data.suppliers, {
    country,
    carrier,
    lines,
    nowMs,
    shipByMs: order.shipBy?.getTime() ?? nowMs + DEFAULT_FULFILLMENT_POLICY.shipWindowMs,
    pinned: data.pinned,
    excluded: data.excluded,
  });
  const candidates = candidatesFor(decision, order.mode);
  // A split is the same decision when its groups go to the same suppliers in the same order.
  const chosen =
    decision.kind === 'split'
      ? decision.groups.map((g) => g.ranked.map((c) => c.supplierId).join(',')).join('|')
      : candidates.join(',');
  await appendOrderEvent(trx, {
    tenantId: order.tenantId,
    orderId: order.orderId,
    kind: 'routed',
    // The same decision taken again (a retried step) is one entry; a new one after a fix is another.
    dedupeKey: `routed:${decision.kind}:${chosen}`,
    detail: {
      ...explainDecision(decision),
      ...(order.mode === 'first_eligible' && { mode: order.mode, tried: candidates }),
    },
  });
  const groups =
    decision.kind === 'split'
      ? decision.groups.map((g, index) => ({
          index,
          lines: g.lines.map((l) => ({
            supplierItemCode: l.supplierItemCode,
            quantity: l.quantity,
          })),
          candidates: g.ranked.map((c) => c.supplierId),
        }))
      : [];
  return { candidates, groups };
}

/** routeOrderGroups, for the steps that take the single order's suppliers only. */
export async function routeRecordedOrder(
  trx: Trx,
  order: Parameters<typeof routeOrderGroups>[1],
): Promise<string[]> {
  return (await routeOrderGroups(trx, order)).candidates;
}

/** The decision as the timeline keeps it: bounded in size, no buyer data. */
function explainDecision(d: RouteDecision) {
  const rejected = d.rejected.slice(0, EXPLAINED_REJECTIONS);
  const more = d.rejected.length - rejected.length;
  const base = {
    rule: 'R-RT-1',
    decision: d.kind,
    rejected,
    ...(more > 0 && { moreRejected: more }),
  };
  if (d.kind === 'single') return { ...base, chosen: d.ranked[0]!.code, ranked: d.ranked };
  if (d.kind === 'split') return { ...base, groups: d.groups };
  return { ...base, unfillable: d.unfillable };
}
