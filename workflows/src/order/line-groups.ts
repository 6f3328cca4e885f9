import type { OrderStatus } from '@switchyard/domain';
import type { FulfillmentPolicy } from '@switchyard/domain/policy';
import { condition, patched, uuid4 } from '@temporalio/workflow';
import type { OrderActivities } from './activities.ts';
import type { GroupProgress, SupplierAck, SupplierShipment } from './messages.ts';
import type { LineGroupRoute } from './route.ts';

type Line = { supplierItemCode: string; quantity: number };

/** One line group of a split order as its workflow tracks it (R-RT-1). */
export interface LineGroup {
  route: LineGroupRoute;
  progress: GroupProgress;
  ack?: SupplierAck | undefined;
  rejection?: string | undefined;
  /** Packages of the current dispatch, in the order they came. */
  shipments: SupplierShipment[];
  /** Units of each item still to ship. */
  remaining: Map<string, number>;
}

// One place that moves a group's phase: the order's own assignments stay the only ones of
// their text in the bundle, which the replay tests alter to prove determinism is checked.
const setPhase = (g: LineGroup, phase: OrderStatus) => {
  g.progress.phase = phase;
};

export function newLineGroup(route: LineGroupRoute): LineGroup {
  const remaining = new Map<string, number>();
  for (const l of route.lines)
    remaining.set(l.supplierItemCode, (remaining.get(l.supplierItemCode) ?? 0) + l.quantity);
  return { route, progress: { index: route.index, phase: 'received' }, shipments: [], remaining };
}

/** What a group's run needs of its order's workflow. */
export interface LineGroupContext {
  tenantId: string;
  orderId: string;
  policy: FulfillmentPolicy;
  shipByMs: number | null;
  cancelled(): boolean;
  dispatch: OrderActivities['dispatchToSupplier'];
  /** What came for a dispatch before this run reached it (signals replayed first). */
  takeEarly?(dispatchId: string): { ack?: SupplierAck; shipments: SupplierShipment[] } | undefined;
  acts: Pick<OrderActivities, 'withdrawDispatch' | 'pushTracking' | 'remindSupplier'>;
  note(kind: 'shipment_escalated', detail: Record<string, unknown>): Promise<unknown>;
}

/**
 * Runs one line group as the order workflow runs a whole order from version 5: dispatch to its
 * best supplier, wait for the acknowledgement within the supplier's window (R-SLA-2), then for
 * its packages, reminding (R-SLA-4) and re-routing to the group's next supplier when one fails.
 * Each package is pushed back with the group's lines only. True once the group has shipped.
 */
export async function runLineGroup(g: LineGroup, c: LineGroupContext): Promise<boolean> {
  const { tenantId, orderId, policy } = c;
  for (const [attempt, supplierId] of g.route.candidates.entries()) {
    if (c.cancelled()) return false;
    g.ack = undefined;
    g.rejection = undefined;
    g.shipments.length = 0;
    const dispatchId = `d_${uuid4().replaceAll('-', '')}`;
    Object.assign(g.progress, { dispatchId, supplierId, phase: 'dispatched' });
    const early = c.takeEarly?.(dispatchId);
    if (early) {
      g.ack ??= early.ack;
      g.shipments.push(...early.shipments);
    }
    // A group re-routed after a package of it shipped sends the next supplier what is left of
    // it only: the shipped units are at the buyer's door already (R-RT-1).
    const left = remainingLines(g.remaining);
    const partial = !sameLines(left, g.route.lines) && patched('group-remaining-lines');
    const sent = await c
      .dispatch({
        tenantId,
        orderId,
        supplierId,
        dispatchId,
        attempt,
        policy,
        group: {
          index: g.route.index,
          itemCodes: g.route.lines.map((l) => l.supplierItemCode),
          ...(partial && { lines: left }),
        },
      })
      .catch(() => ({ ok: false, unreachable: true }));
    const clocks: FulfillmentPolicy =
      'clocks' in sent && sent.clocks ? { ...policy, ...sent.clocks } : policy;
    const batchWaitMs =
      'batchAt' in sent && sent.batchAt ? Math.max(0, Date.parse(sent.batchAt) - Date.now()) : 0;
    const withdraw = (reason: string, ifUnanswered = false) =>
      c.acts.withdrawDispatch({
        tenantId,
        orderId,
        dispatchId,
        reason,
        policy: clocks,
        ...(ifUnanswered && { ifUnanswered }),
      });
    if (!sent.ok) {
      // As for a whole order: a call given up on may have reached the supplier; its row decides.
      if (!('unreachable' in sent)) continue;
      if (!(await withdraw('unreachable', true)).kept) continue;
    } else {
      const answered = await condition(
        () => g.ack !== undefined || g.rejection !== undefined || c.cancelled(),
        batchWaitMs + clocks.ackWindowMs,
      );
      if (c.cancelled()) return false;
      if (!answered || g.rejection !== undefined) {
        const atDeadline = g.rejection === undefined;
        const w = await withdraw(g.rejection ?? 'ack_timeout', atDeadline);
        if (!(atDeadline && w.kept)) continue;
      }
    }
    setPhase(g, 'acknowledged');
    const shipped = await awaitGroupShipment(g, c, dispatchId, clocks);
    if (c.cancelled()) return false;
    if (shipped) {
      setPhase(g, 'shipped');
      return true;
    }
    await withdraw(g.rejection ?? 'not_shipped');
  }
  setPhase(g, 'failed');
  return false;
}

/** Waits for the group's packages (R-SLA-4 reminder, then escalation); true once all shipped. */
async function awaitGroupShipment(
  g: LineGroup,
  c: LineGroupContext,
  dispatchId: string,
  clocks: FulfillmentPolicy,
): Promise<boolean> {
  const { tenantId, orderId } = c;
  const dueMs = c.shipByMs ?? Date.now() + c.policy.shipWindowMs;
  let reminded = false;
  for (;;) {
    const deadline =
      dueMs + clocks.reminderAfterDueMs + (reminded ? clocks.escalateAfterReminderMs : 0);
    const got = await condition(
      () => g.shipments.length > 0 || g.rejection !== undefined || c.cancelled(),
      Math.max(deadline - Date.now(), 1000),
    );
    if (c.cancelled() || g.rejection !== undefined) return false;
    if (!got && !reminded) {
      reminded = true;
      await c.acts.remindSupplier({ tenantId, orderId, dispatchId, policy: clocks });
      continue;
    }
    if (!got) {
      await c.note('shipment_escalated', { dispatchId, lineGroup: g.route.index });
      return false;
    }
    const s = g.shipments.shift()!;
    // A package that names no lines holds what is left of the group, never another group's.
    const lines = s.lines ?? remainingLines(g.remaining);
    const left = subtract(g.remaining, lines);
    const done = [...left.values()].every((q) => q <= 0);
    const pushed = await c.acts.pushTracking({
      tenantId,
      orderId,
      ...s,
      lines,
      policy: c.policy,
      finish: true,
      group: {
        itemCodes: g.route.lines.map((l) => l.supplierItemCode),
        done,
        supplierId: g.progress.supplierId!,
      },
    });
    // Refused: the supplier sends a corrected package, the next in the queue (R-TRK-1).
    if (!pushed.ok) continue;
    g.remaining = left;
    if (done) return true;
    setPhase(g, 'partially_shipped');
  }
}

/**
 * Runs the calls it is given one after another. Packages of two groups pushed at once would each
 * read the marketplace's order before the other's package is on it, and neither would see the
 * order's last units go: its completion and charge would never happen.
 */
export function oneAtATime<A extends unknown[], R>(f: (...args: A) => Promise<R>) {
  let last: Promise<unknown> = Promise.resolve();
  return (...args: A): Promise<R> => {
    const next = last.then(() => f(...args));
    last = next.catch(() => undefined);
    return next;
  };
}

/** The same units of the same items, whatever the order. */
function sameLines(a: readonly Line[], b: readonly Line[]): boolean {
  const count = (ls: readonly Line[]) => {
    const m = new Map<string, number>();
    for (const l of ls) m.set(l.supplierItemCode, (m.get(l.supplierItemCode) ?? 0) + l.quantity);
    return m;
  };
  const [x, y] = [count(a), count(b)];
  return x.size === y.size && [...x].every(([k, q]) => y.get(k) === q);
}

/** What is left to ship of a group. */
export const groupLeft = (g: LineGroup): Line[] => remainingLines(g.remaining);

const remainingLines = (remaining: Map<string, number>): Line[] =>
  [...remaining]
    .filter(([, q]) => q > 0)
    .map(([supplierItemCode, quantity]) => ({ supplierItemCode, quantity }));

function subtract(remaining: Map<string, number>, lines: readonly Line[]): Map<string, number> {
  const left = new Map(remaining);
  for (const l of lines)
    left.set(l.supplierItemCode, (left.get(l.supplierItemCode) ?? 0) - l.quantity);
  return left;
}
