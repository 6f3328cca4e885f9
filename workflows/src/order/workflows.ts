import type { OrderFinalStatus, OrderProgressEvent, OrderStatus } from '@switchyard/domain';
import { type Hold, LABEL_NO_SERVICE, MARKETPLACE_ON_HOLD } from '@switchyard/domain/holds';
import {
  DEFAULT_FULFILLMENT_POLICY,
  type FulfillmentPolicy,
  labelRecheckScheduleOf,
} from '@switchyard/domain/policy';
import type { MilestoneAttributes } from '@switchyard/observability/workflow-spans';
import {
  ApplicationFailure,
  condition,
  patched,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { milestone } from '../shared/milestones.ts';
import { orderActivityProxies } from './activity-proxies.ts';
import {
  groupLeft,
  type LineGroup,
  type LineGroupContext,
  newLineGroup,
  oneAtATime,
  runLineGroup,
} from './line-groups.ts';
import {
  cancelOrderSignal,
  marketplaceReleasedSignal,
  type OrderProgress,
  type OrderWorkflowInput,
  progressQuery,
  recheckSignal,
  type SupplierAck,
  type SupplierShipment,
  supplierAckedSignal,
  supplierAckUpdate,
  supplierRejectUpdate,
  supplierShipmentUpdate,
  supplierShippedSignal,
} from './messages.ts';

export type OrderOutcome = { status: OrderFinalStatus; reason?: string };

/**
 * One order, end to end: record → check → route → dispatch → await ack → await tracking →
 * push back to the marketplace → charge → complete. Buyer PII never enters workflow history:
 * activities read it from the database.
 */
export async function orderFulfillment(input: OrderWorkflowInput): Promise<OrderOutcome> {
  const { tenantId } = input;
  // Workflow time, for the spans of its milestones (a traced worker only; no command).
  const startedMs = Date.now();
  // From version 3: local activities, merged steps. Earlier inputs keep their commands.
  const lean = input.version >= 3;
  // From version 4 the partner API has recorded a supplier's acknowledgement before the
  // workflow hears of it; version 3 workflows still running record it themselves.
  const ackRecorded = input.version >= 4;
  const allLocal = input.version >= 5;
  // Inputs of orders started before policies travelled with them carry none: today's defaults.
  const policy = input.policy ?? DEFAULT_FULFILLMENT_POLICY;
  // A compressed-time simulation's input scales the retry backoff too; no other input does.
  const { acts, local, dispatchActs, localDispatch } = orderActivityProxies(
    policy.simulatedTimeScale,
  );
  const steps = lean ? local : acts;
  // The clocks the current supplier is held to: from version 5 its contract's, where it sets
  // them (R-SLA-2, R-SLA-4), as its dispatch reports them.
  let clocks: FulfillmentPolicy = policy;
  const progress: OrderProgress = { phase: 'received' };
  let ack: SupplierAck | undefined;
  // Packages arrive as a queue: a split order's second package must not replace the first.
  const shipments: SupplierShipment[] = [];
  let rejection: string | undefined;
  let cancelled: string | undefined;
  let recheck = false;
  // Kept until a hold waits for it: the marketplace may say so before the hold is recorded.
  let released = false;
  // Timed re-checks of a TikTok Shipping label so far (R-CHK-3), against the policy's schedule.
  let labelRechecks = 0;
  // R-RT-1: the line groups of an order no single supplier can fill, each with its dispatch.
  const groups: LineGroup[] = [];
  const groupOf = (dispatchId: string) => groups.find((g) => g.progress.dispatchId === dispatchId);

  const current = (dispatchId: string) => {
    if (dispatchId !== progress.dispatchId && !groupOf(dispatchId))
      throw ApplicationFailure.nonRetryable('not the current dispatch', 'DISPATCH_NOT_CURRENT');
  };
  setHandler(progressQuery, () => progress);
  setHandler(cancelOrderSignal, ({ reason }) => {
    cancelled = reason;
  });
  setHandler(recheckSignal, () => {
    recheck = true;
  });
  setHandler(marketplaceReleasedSignal, () => {
    released = true;
  });
  // Messages about a dispatch this run has not reached (yet): a worker that replays the
  // history after a restart delivers the signals before the code that re-creates the dispatch
  // (the same id, uuid4 replays) runs. A stale dispatch's stay here unused.
  const early = new Map<string, { ack?: SupplierAck; shipments: SupplierShipment[] }>();
  const earlyOf = (dispatchId: string) => {
    const e = early.get(dispatchId) ?? { shipments: [] };
    early.set(dispatchId, e);
    return e;
  };
  /**
   * What came for a dispatch before this run reached it; from 'early-supplier-messages' it is
   * taken (before, such an acknowledgement was dropped and the row decided at the deadline).
   */
  const takeEarly = (dispatchId: string) => {
    const e = early.get(dispatchId);
    if (!e || !patched('early-supplier-messages')) return undefined;
    early.delete(dispatchId);
    return e;
  };
  // The partner API took it in the current dispatch's row already; another's is stale.
  setHandler(supplierAckedSignal, (a) => {
    if (a.dispatchId === progress.dispatchId) ack ??= a;
    const g = groupOf(a.dispatchId);
    if (g) g.ack ??= a;
    if (!g && a.dispatchId !== progress.dispatchId) earlyOf(a.dispatchId).ack ??= a;
  });
  setHandler(
    supplierAckUpdate,
    (a) => {
      ack ??= a;
      return { accepted: true };
    },
    { validator: (a) => current(a.dispatchId) },
  );
  // Recorded shipments this workflow took, by their record: the sweep's re-wakes and a
  // supplier's repeats count once (R-SLA-3).
  const taken = new Set<string>();
  setHandler(supplierShippedSignal, (s) => {
    const key = s.shipmentId ?? `${s.dispatchId}:${s.trackingNumber}`;
    // Marks histories whose shipments came by signal, so the path can be retired one day.
    if (taken.has(key) || !patched('shipment-signal')) return;
    taken.add(key);
    const g = groupOf(s.dispatchId);
    if (g) g.shipments.push(s);
    else if (s.dispatchId === progress.dispatchId) shipments.push(s);
    // Not reached yet, or stale (re-routed since): kept until a dispatch of this id comes.
    else earlyOf(s.dispatchId).shipments.push(s);
  });
  setHandler(
    supplierShipmentUpdate,
    (s) => {
      const g = groupOf(s.dispatchId);
      (g ? g.shipments : shipments).push(s);
      return { accepted: true };
    },
    { validator: (s) => current(s.dispatchId) },
  );
  setHandler(
    supplierRejectUpdate,
    (r) => {
      const g = groupOf(r.dispatchId);
      if (g) g.rejection = r.reason;
      else rejection = r.reason;
      return { accepted: true };
    },
    { validator: (r) => current(r.dispatchId) },
  );

  const order = await steps.recordOrder({
    ...input,
    workflowId: workflowInfo().workflowId,
    ...(lean && { rank: true }),
  });
  const orderId = order.orderId;
  progress.orderId = orderId;
  const mark = (name: string, sinceMs: number, attrs: Omit<MilestoneAttributes, 'tenantId'> = {}) =>
    milestone(name, sinceMs, { tenantId, orderId, ...attrs });
  mark('checks', startedMs, { holdCodes: order.holds.map((h) => h.code) });
  const note = (
    kind: OrderProgressEvent,
    detail: Record<string, unknown> = {},
    status?: OrderStatus,
  ) =>
    steps.recordProgress({
      tenantId,
      orderId,
      kind,
      dedupeKey: `${kind}:${progress.dispatchId ?? '-'}:${uuid4()}`,
      detail,
      status,
    });

  // The checks (R-CHK-*, R-IN-4) hold the order until the tenant fixes the data, the
  // marketplace releases it, or it is cancelled.
  let holds = order.holds;
  const held = holds.length > 0;
  const heldMs = Date.now();
  let unchanged = false;
  while (holds.length > 0) {
    progress.phase = 'on_hold';
    // A re-check on the timer that found nothing new adds nothing to the timeline.
    if (!unchanged) mark('held', Date.now(), { holdCodes: holds.map((h) => h.code) });
    if (!unchanged) await note('held', { holds }, 'on_hold');
    const asked = await awaitRecheck(holds);
    if (cancelled !== undefined) return finishCancelled();
    const before = JSON.stringify(holds);
    // A second fix that lands while the first is being checked is checked too, never lost.
    do {
      recheck = false;
      released = false;
      holds = await steps.recheckOrder({ tenantId, orderId });
    } while (recheck && patched('recheck-until-quiet'));
    unchanged = !asked && JSON.stringify(holds) === before;
  }
  if (held) mark('hold_released', heldMs, { holdCodes: order.holds.map((h) => h.code) });
  if (held && patched('hold-released')) await note('hold_released', {}, 'received');
  const routingMs = Date.now();

  // Ranked with the checks when nothing held the order (from version 3).
  const candidates =
    (!held && order.candidates) || (await steps.rankSuppliers({ tenantId, orderId }));
  // No single supplier can take it: from here on, its line groups go to several (R-RT-1).
  if (candidates.length === 0 && allLocal && patched('line-groups')) {
    const routes = await steps.routeLineGroups({ tenantId, orderId });
    if (routes.length > 0) return fulfilLineGroups(routes);
  }
  mark('route', routingMs, { candidates: candidates.length });
  for (const [attempt, supplierId] of candidates.entries()) {
    if (cancelled !== undefined) return finishCancelled();
    const dispatchMs = Date.now();
    ack = undefined;
    shipments.length = 0;
    rejection = undefined;
    progress.dispatchId = `d_${uuid4().replaceAll('-', '')}`;
    progress.supplierId = supplierId;
    progress.phase = 'dispatched';
    const e = takeEarly(progress.dispatchId);
    if (e) {
      ack ??= e.ack;
      shipments.push(...e.shipments);
    }
    const sent = await (allLocal ? localDispatch : dispatchActs)
      .dispatchToSupplier({
        tenantId,
        orderId,
        supplierId,
        dispatchId: progress.dispatchId,
        attempt,
        policy,
      })
      .catch(() => ({ ok: false, unreachable: true }));
    const dispatched = { supplierId, dispatchId: progress.dispatchId, attempt };
    mark('dispatch', dispatchMs, { ...dispatched, accepted: sent.ok });
    const sentMs = Date.now();
    clocks = allLocal && 'clocks' in sent && sent.clocks ? { ...policy, ...sent.clocks } : policy;
    // A file supplier hears of the order at its next batch (R-RT-2): its window runs from then.
    const batchWaitMs =
      allLocal && 'batchAt' in sent && sent.batchAt
        ? Math.max(0, Date.parse(sent.batchAt) - Date.now())
        : 0;
    if (!sent.ok) {
      // A call given up on may still have reached the supplier, whose acknowledgement the
      // partner API then records: from version 4 the row decides whether the order waits for
      // this supplier or moves on. A refused call is marked rejected on the row already.
      if (!ackRecorded || !('unreachable' in sent)) continue;
      if (!(await withdraw('unreachable', true)).kept) continue;
    } else {
      const answered = await condition(
        () => ack !== undefined || rejection !== undefined || cancelled !== undefined,
        batchWaitMs + clocks.ackWindowMs,
      );
      mark('acknowledgement', sentMs, {
        ...dispatched,
        outcome: ack ? 'acknowledged' : rejection !== undefined ? 'rejected' : 'no_answer',
      });
      if (cancelled !== undefined) return finishCancelled();
      if (!answered || rejection !== undefined) {
        // At the deadline an acknowledgement may be recorded whose message has not arrived
        // (late, or dropped): from version 4 only a dispatch still unanswered is withdrawn,
        // and one the supplier acknowledged goes on to its shipment (R-SLA-2).
        const atDeadline = ackRecorded && rejection === undefined;
        const w = await withdraw(rejection ?? 'ack_timeout', atDeadline);
        if (!(atDeadline && w.kept)) continue;
      }
    }
    progress.phase = 'acknowledged';
    if (!ackRecorded) await acts.recordAck({ tenantId, orderId, ...ack! });

    const ackedMs = Date.now();
    const shipped = await awaitShipment(order.shipByMs);
    mark('shipment', ackedMs, { ...dispatched, accepted: shipped });
    if (cancelled !== undefined) return finishCancelled();
    if (!shipped || rejection !== undefined) {
      await withdraw(rejection ?? 'not_shipped');
      continue;
    }
    return finishShipped();
  }
  progress.phase = 'failed';
  mark('failed', startedMs, { candidates: candidates.length, outcome: 'failed' });
  await note('no_supplier', { tried: candidates.length }, 'failed');
  return { status: 'failed', reason: 'no supplier could take the order' };

  /**
   * Each line group runs at once, as an order of its own: its dispatch, acknowledgement, clocks
   * and re-routing on its own fallbacks; every package is pushed back as it comes. The package
   * that ships the order's last units completes it (charged once, R-BIL-3).
   */
  async function fulfilLineGroups(
    routes: Parameters<typeof newLineGroup>[0][],
  ): Promise<OrderOutcome> {
    groups.push(...routes.map(newLineGroup));
    progress.groups = groups.map((g) => g.progress);
    progress.phase = 'dispatched';
    const groupActs = {
      withdrawDispatch: acts.withdrawDispatch,
      remindSupplier: acts.remindSupplier,
      pushTracking: oneAtATime(acts.pushTracking),
    };
    const groupCtx: LineGroupContext = {
      tenantId,
      orderId,
      policy,
      shipByMs: order.shipByMs,
      cancelled: () => cancelled !== undefined,
      dispatch: localDispatch.dispatchToSupplier,
      takeEarly,
      acts: groupActs,
      note,
    };
    let done = await Promise.all(groups.map((g) => runLineGroup(g, groupCtx)));
    if (cancelled !== undefined) return finishCancelled();
    // From 'line-group-hold': a group with no supplier left while another shipped holds what is
    // left of the order (LINE_GROUP_NO_SUPPLIER, operator alerted) until a re-check finds it a
    // supplier or the order is cancelled; the packages on their way make it no failed order.
    let round = 0;
    while (!done.every(Boolean) && done.some(Boolean) && patched('line-group-hold')) {
      const failed = groups.filter((_, i) => !done[i]);
      progress.phase = 'on_hold';
      round += 1;
      recheck = false;
      await steps.holdLineGroups({
        tenantId,
        orderId,
        lineGroups: failed.map((g) => g.route.index),
        shippedGroups: groups.filter((_, i) => done[i]).map((g) => g.route.index),
        round,
      });
      await condition(() => recheck || cancelled !== undefined);
      if (cancelled !== undefined) return finishCancelled();
      recheck = false;
      const routes = await steps.rerouteLineGroups({
        tenantId,
        orderId,
        groups: failed.map((g) => ({ index: g.route.index, lines: groupLeft(g) })),
      });
      progress.phase = 'partially_shipped';
      const again = await Promise.all(
        failed.map((g, k) => {
          g.route = { ...g.route, candidates: routes[k] ?? [] };
          return runLineGroup(g, groupCtx);
        }),
      );
      done = groups.map((g, i) => done[i] || again[failed.indexOf(g)] === true);
      if (cancelled !== undefined) return finishCancelled();
    }
    if (done.every(Boolean)) return finishShipped();
    progress.phase = 'failed';
    mark('failed', startedMs, { outcome: 'failed' });
    const failed = groups.filter((_, i) => !done[i]).map((g) => g.route.index);
    await note('no_supplier', { lineGroups: failed }, 'failed');
    return { status: 'failed', reason: `no supplier could take line groups ${failed.join(', ')}` };
  }

  /**
   * Takes the current dispatch back (withdrawDispatch); `ifUnanswered` keeps one its supplier
   * has acknowledged. Workflows before version 4 ask for no answer and get none.
   */
  function withdraw(reason: string, ifUnanswered = false) {
    return acts.withdrawDispatch({
      tenantId,
      orderId,
      dispatchId: progress.dispatchId!,
      reason,
      policy: clocks,
      ...(ifUnanswered && { ifUnanswered }),
    });
  }

  /**
   * Waits until the tenant asks for a re-check or the order is cancelled. An order the
   * marketplace has not released also re-checks when the marketplace says it released it (by
   * notification or in reconciliation; a signal that came before this point is kept in
   * `released`), and on a timer, so it cannot wait forever when every notification is lost.
   * Returns false when only the timer woke it.
   */
  async function awaitRecheck(current: Hold[]): Promise<boolean> {
    // No TikTok Shipping service for the parcel is often a passing state: from
    // 'label-recheck-timer' the order re-checks by itself on the policy's backoff schedule, then
    // waits for the tenant (R-CHK-3, inside R-SLA-1's 48 hours).
    if (current.some((h) => h.code === LABEL_NO_SERVICE) && patched('label-recheck-timer')) {
      const delay = labelRecheckScheduleOf(policy)[labelRechecks];
      if (delay !== undefined) {
        labelRechecks += 1;
        return condition(() => recheck || cancelled !== undefined, delay);
      }
    }
    if (current.some((h) => h.code === MARKETPLACE_ON_HOLD) && patched('marketplace-hold-timer'))
      return condition(
        () => recheck || released || cancelled !== undefined,
        policy.marketplaceRecheckMs,
      );
    await condition(() => recheck || cancelled !== undefined);
    return true;
  }

  /**
   * Waits for a tracking number the marketplace accepts. When it is overdue by the policy's
   * reminder delay the supplier is reminded (R-SLA-4); when the escalation delay has passed
   * after that, the order is escalated and re-routed.
   */
  async function awaitShipment(shipByMs: number | null): Promise<boolean> {
    const dueMs = shipByMs ?? Date.now() + policy.shipWindowMs;
    let reminded = false;
    for (;;) {
      const deadline =
        dueMs + clocks.reminderAfterDueMs + (reminded ? clocks.escalateAfterReminderMs : 0);
      const got = await condition(
        () => shipments.length > 0 || rejection !== undefined || cancelled !== undefined,
        Math.max(deadline - Date.now(), 1000),
      );
      if (cancelled !== undefined || rejection !== undefined) return false;
      if (!got && !reminded) {
        reminded = true;
        await steps.remindSupplier({
          tenantId,
          orderId,
          dispatchId: progress.dispatchId!,
          policy: clocks,
        });
        continue;
      }
      if (!got) {
        await note('shipment_escalated', { dispatchId: progress.dispatchId });
        return false;
      }
      const s = shipments.shift()!;
      const pushMs = Date.now();
      // From version 3: the package that completes the order also charges and closes it.
      const pushed = await acts.pushTracking({
        tenantId,
        orderId,
        ...s,
        policy,
        ...(lean && { finish: true }),
      });
      if (pushed.ok) progress.trackingNumber = s.trackingNumber;
      mark('push_back', pushMs, {
        dispatchId: s.dispatchId,
        accepted: pushed.ok,
        outcome: pushed.ok ? 'pushed' : 'refused',
      });
      // A split order waits for its next package; older histories have no remainingUnits.
      if (pushed.ok && !pushed.remainingUnits) return true;
      if (pushed.ok) progress.phase = 'partially_shipped';
      // Otherwise the marketplace or our checks refused the number: the supplier sends a
      // correct one (R-TRK-1), which is the next in the queue.
    }
  }

  async function finishShipped(): Promise<OrderOutcome> {
    progress.phase = 'shipped';
    // From version 3 the last push-back charged and closed the order.
    if (!lean) {
      await acts.chargeOrder({ tenantId, orderId });
      await note('completed', {}, 'completed');
    }
    progress.phase = 'completed';
    mark('completed', startedMs, { outcome: 'completed' });
    return { status: 'completed' };
  }

  async function finishCancelled(): Promise<OrderOutcome> {
    progress.phase = 'cancelled';
    if (progress.dispatchId) {
      await acts.withdrawDispatch({
        tenantId,
        orderId,
        dispatchId: progress.dispatchId,
        reason: 'order_cancelled',
      });
    }
    // A line group that shipped keeps its package; the others are taken back.
    for (const g of groups)
      if (g.progress.dispatchId && g.progress.phase !== 'shipped')
        await acts.withdrawDispatch({
          tenantId,
          orderId,
          dispatchId: g.progress.dispatchId,
          reason: 'order_cancelled',
        });
    await note('cancelled', { reason: cancelled }, 'cancelled');
    mark('cancelled', startedMs, { outcome: 'cancelled' });
    return { status: 'cancelled', reason: cancelled };
  }
}
