import type { Hold } from '@switchyard/domain/holds';
import type { SupplierPolicy } from '@switchyard/domain/policy';
import { ApplicationFailure } from '@temporalio/common';
import type { OrderActivities } from '../order/activities.ts';
import type { LineGroupRoute } from '../order/route.ts';

/** One call a fake activity received, in the order the workflow made them. */
export type ActivityCall = { name: keyof OrderActivities; args: Record<string, unknown> };

export interface FakeOrderOptions {
  /** How many checks (the first and each re-check) find the order held. */
  holds?: number;
  holdCode?: string;
  /** Candidates `rankSuppliers` returns, best first. */
  suppliers?: string[];
  /**
   * What each push-back reports, in turn: units still unshipped (a split order), or 'refused'
   * for a number the marketplace turns down. Past the end every push completes the order.
   */
  pushes?: Array<number | 'refused'>;
  /**
   * The supplier's acknowledgement is in the database though its update has not reached the
   * workflow: a withdrawal `ifUnanswered` finds the dispatch acknowledged.
   */
  ackRecorded?: boolean;
  /** Suppliers whose dispatch call fails as one that stays unreachable does. */
  unreachable?: string[];
  /** The clocks each supplier's contract sets (R-SLA-2, R-SLA-4), as its dispatch reports them. */
  clocks?: Record<string, SupplierPolicy>;
  /** File suppliers: when their next batch leaves, epoch ms on the workflow's clock (R-RT-2). */
  batchAtMs?: Record<string, number>;
  /** R-RT-1 split: the line groups routing returns when no single supplier can take it. */
  lineGroups?: LineGroupRoute[];
  /** R-RT-1 split: suppliers a held group is routed to again after a re-check, by group. */
  rerouted?: Record<number, string[]>;
}

/**
 * Stand-ins for the order activities that record their calls: for tests of the workflow's own
 * logic (clocks, messages, replay), whose activities are covered against real services elsewhere.
 * Typed as the real activities, so their results keep the real shapes.
 */
export function fakeOrderActivities(opts: FakeOrderOptions = {}): {
  acts: OrderActivities;
  calls: ActivityCall[];
} {
  const calls: ActivityCall[] = [];
  const rec = (name: keyof OrderActivities, args: object) =>
    calls.push({ name, args: args as Record<string, unknown> });
  let holdsLeft = opts.holds ?? 0;
  const pushes = [...(opts.pushes ?? [])];
  const hold: Hold = {
    code: opts.holdCode ?? 'ADDRESS_MISSING',
    rule: 'R-IN-4',
    message: 'm',
    messageZh: 'm',
    fix: 'f',
  };
  const held = () => (holdsLeft > 0 ? [hold] : []);
  const acts: OrderActivities = {
    recordOrder: async (input) => {
      rec('recordOrder', input);
      const holds = held();
      const ranked = input.rank && holds.length === 0;
      return {
        orderId: 'o1',
        holds,
        shipByMs: null,
        ...(ranked && { candidates: opts.suppliers ?? ['s1', 's2'] }),
      };
    },
    recheckOrder: async (input) => {
      holdsLeft -= 1;
      rec('recheckOrder', input);
      return held();
    },
    rankSuppliers: async (input) => {
      rec('rankSuppliers', input);
      return opts.suppliers ?? ['s1', 's2'];
    },
    routeLineGroups: async (input) => {
      rec('routeLineGroups', input);
      return opts.lineGroups ?? [];
    },
    dispatchToSupplier: async (input) => {
      rec('dispatchToSupplier', input);
      if (opts.unreachable?.includes(input.supplierId))
        throw ApplicationFailure.nonRetryable('supplier unreachable', 'SUPPLIER_UNREACHABLE');
      const clocks = opts.clocks?.[input.supplierId];
      const batchAt = opts.batchAtMs?.[input.supplierId];
      return {
        ok: true,
        ...(clocks && { clocks }),
        ...(batchAt !== undefined && { batchAt: new Date(batchAt).toISOString() }),
      };
    },
    recordAck: async (input) => {
      rec('recordAck', input);
    },
    withdrawDispatch: async (input) => {
      rec('withdrawDispatch', input);
      return { kept: Boolean(input.ifUnanswered && opts.ackRecorded) };
    },
    remindSupplier: async (input) => {
      rec('remindSupplier', input);
    },
    pushTracking: async (input) => {
      rec('pushTracking', input);
      const next = pushes.shift() ?? 0;
      // The push-back that completes a version 3 order charges it: recorded as the charge it is.
      if (input.finish && next === 0)
        rec('chargeOrder', { tenantId: input.tenantId, orderId: input.orderId });
      return next === 'refused'
        ? { ok: false, code: 'TRACKING_INVALID_FORMAT' }
        : { ok: true, remainingUnits: next };
    },
    chargeOrder: async (input) => {
      rec('chargeOrder', input);
    },
    recordProgress: async (input) => {
      rec('recordProgress', input);
    },
    holdLineGroups: async (input) => {
      rec('holdLineGroups', input);
      return [{ ...hold, code: 'LINE_GROUP_NO_SUPPLIER', rule: 'R-RT-1' }];
    },
    rerouteLineGroups: async (input) => {
      rec('rerouteLineGroups', input);
      return input.groups.map((g) => opts.rerouted?.[g.index] ?? []);
    },
  };
  return { acts, calls };
}
