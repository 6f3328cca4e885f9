import { orderWorkflowId } from '@switchyard/domain';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { orderWorkflowInput } from '../order/client.ts';
import {
  cancelOrderSignal,
  marketplaceReleasedSignal,
  type OrderWorkflowInput,
  recheckSignal,
  supplierAckedSignal,
  supplierRejectUpdate,
  supplierShipmentUpdate,
  supplierShippedSignal,
} from '../order/messages.ts';
import type { OrderOutcome } from '../order/workflows.ts';
import type { FakeOrderOptions } from './fake-order-activities.ts';
import {
  type Drive,
  dispatched,
  groupDispatched,
  runOrder,
  timersArmed,
  until,
} from './order-runs.ts';

/** A representative run of the order workflow, kept as a recorded history for replay tests. */
export interface OrderScenario {
  /** How the run must end; a run that ends otherwise is not stored. */
  outcome: OrderOutcome['status'];
  fake: FakeOrderOptions;
  drive: (env: TestWorkflowEnvironment) => Drive;
}

const UPS = { trackingNumber: '1Z999AA10123456784', carrier: 'UPS' };

/** Acknowledges the `n`-th dispatch and ships it in one package. */
const ackAndShip =
  (n: number): Drive =>
  async (handle, calls) => {
    const dispatchId = await dispatched(calls, n);
    await handle.signal(supplierAckedSignal, { dispatchId });
    await handle.executeUpdate(supplierShipmentUpdate, { args: [{ dispatchId, ...UPS }] });
  };

export const ORDER_SCENARIOS = {
  'happy-path': { outcome: 'completed', fake: {}, drive: () => ackAndShip(1) },

  // The marketplace withholds the order: one re-check on the timer finds it still held, then
  // the marketplace's release re-checks it at once and it proceeds.
  'held-and-released': {
    outcome: 'completed',
    fake: { holds: 2, holdCode: 'MARKETPLACE_ON_HOLD' },
    drive: (env) => async (handle, calls) => {
      await timersArmed(handle, 1);
      await env.sleep('6 minutes');
      await until(() => calls.filter((c) => c.name === 'recheckOrder').length === 1);
      await timersArmed(handle, 2);
      await handle.signal(marketplaceReleasedSignal);
      await ackAndShip(1)(handle, calls);
    },
  },

  // TikTok Shipping offers no service for the label (R-CHK-3): the order re-checks by itself
  // after 5 minutes, still none, then after 15 more, and the label is bought.
  'label-no-service': {
    outcome: 'completed',
    fake: { holds: 2, holdCode: 'LABEL_NO_SERVICE' },
    drive: (env) => async (handle, calls) => {
      await timersArmed(handle, 1);
      await env.sleep('6 minutes');
      await until(() => calls.filter((c) => c.name === 'recheckOrder').length === 1);
      await timersArmed(handle, 2);
      await env.sleep('16 minutes');
      await ackAndShip(1)(handle, calls);
    },
  },

  // The first supplier refuses, the second never acknowledges (R-SLA-2), the third
  // acknowledges but is reminded 2 h after the ship deadline (R-SLA-4) before it ships.
  're-routed': {
    outcome: 'completed',
    fake: { suppliers: ['s1', 's2', 's3'] },
    drive: (env) => async (handle, calls) => {
      const first = await dispatched(calls, 1);
      await handle.executeUpdate(supplierRejectUpdate, {
        args: [{ dispatchId: first, reason: 'out_of_stock' }],
      });
      await dispatched(calls, 2);
      await env.sleep('31 minutes');
      const third = await dispatched(calls, 3);
      await handle.signal(supplierAckedSignal, { dispatchId: third });
      // Three ack windows, then the shipment deadline.
      await timersArmed(handle, 4);
      await env.sleep('51 hours');
      await until(() => calls.some((c) => c.name === 'remindSupplier'));
      await handle.executeUpdate(supplierShipmentUpdate, { args: [{ dispatchId: third, ...UPS }] });
    },
  },

  // The api recorded the shipment and woke the workflow by signal; the sweep woke it again with
  // the same record before it was taken: one push-back (R-SLA-3).
  'shipped-by-signal': {
    outcome: 'completed',
    fake: {},
    drive: () => async (handle, calls) => {
      const dispatchId = await dispatched(calls, 1);
      await handle.signal(supplierAckedSignal, { dispatchId });
      const shipment = { dispatchId, ...UPS, shipmentId: '1' };
      await handle.signal(supplierShippedSignal, shipment);
      await handle.signal(supplierShippedSignal, shipment);
    },
  },

  // Two packages; a wrong number in between is refused and the supplier sends the next one.
  split: {
    outcome: 'completed',
    fake: { pushes: [1, 'refused', 0] },
    drive: () => async (handle, calls) => {
      const dispatchId = await dispatched(calls, 1);
      await handle.signal(supplierAckedSignal, { dispatchId });
      const ship = (trackingNumber: string, supplierItemCode: string) =>
        handle.executeUpdate(supplierShipmentUpdate, {
          args: [
            {
              dispatchId,
              trackingNumber,
              carrier: 'UPS',
              lines: [{ supplierItemCode, quantity: 1 }],
            },
          ],
        });
      await ship('1Z999AA10123456784', 'ITEM-A');
      await until(() => calls.filter((c) => c.name === 'pushTracking').length === 1);
      await ship('1Z999AA1012345678X', 'ITEM-B');
      await until(() => calls.filter((c) => c.name === 'pushTracking').length === 2);
      await ship('1Z999AA10123456793', 'ITEM-B');
    },
  },

  // Cancelled on the marketplace after the supplier acknowledged: the dispatch is withdrawn.
  cancelled: {
    outcome: 'cancelled',
    fake: {},
    drive: () => async (handle, calls) => {
      const dispatchId = await dispatched(calls, 1);
      await handle.signal(supplierAckedSignal, { dispatchId });
      // The ack window's timer, then the shipment's: the order took the acknowledgement.
      await timersArmed(handle, 2);
      await handle.signal(cancelOrderSignal, { reason: 'cancelled on the marketplace' });
    },
  },

  // From input version 4: the supplier's acknowledgement reached the database but its update
  // never reached the workflow. At the deadline the withdrawal finds the dispatch acknowledged
  // (R-SLA-2), and the order waits for the shipment instead of being re-routed.
  'ack-before-deadline': {
    outcome: 'completed',
    fake: { ackRecorded: true },
    drive: (env) => async (handle, calls) => {
      const dispatchId = await dispatched(calls, 1);
      await timersArmed(handle, 1);
      await env.sleep('31 minutes');
      await until(() => calls.some((c) => c.name === 'withdrawDispatch'));
      await timersArmed(handle, 2);
      await handle.executeUpdate(supplierShipmentUpdate, { args: [{ dispatchId, ...UPS }] });
    },
  },

  // From input version 4: the call to the first supplier is given up on, yet it reached the
  // supplier, whose acknowledgement is in the database: the order stays with it.
  'unreachable-but-acknowledged': {
    outcome: 'completed',
    fake: { unreachable: ['s1'], ackRecorded: true },
    drive: () => async (handle, calls) => {
      const dispatchId = await dispatched(calls, 1);
      await until(() => calls.some((c) => c.name === 'withdrawDispatch'));
      await timersArmed(handle, 1);
      await handle.executeUpdate(supplierShipmentUpdate, { args: [{ dispatchId, ...UPS }] });
    },
  },

  // R-RT-1: no single supplier can take the order; its two line groups go to two suppliers at
  // once. The first group's supplier refuses and the group is re-routed to its next one; each
  // group ships its own package, and the second package completes the order.
  'line-groups': {
    outcome: 'completed',
    fake: {
      suppliers: [],
      lineGroups: [
        {
          index: 0,
          lines: [{ supplierItemCode: 'ITEM-A', quantity: 1 }],
          candidates: ['s1', 's2'],
        },
        { index: 1, lines: [{ supplierItemCode: 'ITEM-B', quantity: 2 }], candidates: ['s3'] },
      ],
      pushes: [2, 0],
    },
    drive: () => async (handle, calls) => {
      const first = await groupDispatched(calls, 0, 1);
      const other = await groupDispatched(calls, 1, 1);
      await handle.executeUpdate(supplierRejectUpdate, {
        args: [{ dispatchId: first, reason: 'out_of_stock' }],
      });
      const second = await groupDispatched(calls, 0, 2);
      for (const dispatchId of [second, other])
        await handle.signal(supplierAckedSignal, { dispatchId });
      await handle.executeUpdate(supplierShipmentUpdate, {
        args: [{ dispatchId: second, ...UPS }],
      });
      await until(() => calls.filter((c) => c.name === 'pushTracking').length === 1);
      await handle.executeUpdate(supplierShipmentUpdate, {
        args: [{ dispatchId: other, trackingNumber: '1Z999AA10123456793', carrier: 'UPS' }],
      });
    },
  },

  // R-RT-1, R-SLA-4: a group ships part of its units, then its supplier goes quiet; escalated,
  // the group is re-routed with only what is left of it, which the next supplier ships.
  'line-groups-partial': {
    outcome: 'completed',
    fake: {
      suppliers: [],
      lineGroups: [
        {
          index: 0,
          lines: [{ supplierItemCode: 'ITEM-A', quantity: 2 }],
          candidates: ['s1', 's2'],
        },
        { index: 1, lines: [{ supplierItemCode: 'ITEM-B', quantity: 1 }], candidates: ['s3'] },
      ],
      pushes: [2, 1, 0],
    },
    drive: (env) => async (handle, calls) => {
      const first = await groupDispatched(calls, 0, 1);
      const other = await groupDispatched(calls, 1, 1);
      for (const dispatchId of [first, other])
        await handle.signal(supplierAckedSignal, { dispatchId });
      await handle.executeUpdate(supplierShipmentUpdate, {
        args: [{ dispatchId: first, ...UPS, lines: [{ supplierItemCode: 'ITEM-A', quantity: 1 }] }],
      });
      await until(() => calls.filter((c) => c.name === 'pushTracking').length === 1);
      await handle.executeUpdate(supplierShipmentUpdate, {
        args: [{ dispatchId: other, trackingNumber: '1Z999AA10123456793', carrier: 'UPS' }],
      });
      await until(() => calls.filter((c) => c.name === 'pushTracking').length === 2);
      // 48 h to ship, reminded 2 h later, escalated a day after that: re-routed.
      await env.sleep('4445 minutes');
      const second = await groupDispatched(calls, 0, 2);
      await handle.signal(supplierAckedSignal, { dispatchId: second });
      await handle.executeUpdate(supplierShipmentUpdate, {
        args: [{ dispatchId: second, trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }],
      });
    },
  },

  // R-RT-1: the second group's only supplier cannot be reached while the first group ships;
  // the rest of the order is held (LINE_GROUP_NO_SUPPLIER) until a re-check routes the group
  // to a supplier found meanwhile, which ships it.
  'line-groups-held': {
    outcome: 'completed',
    fake: {
      suppliers: [],
      lineGroups: [
        { index: 0, lines: [{ supplierItemCode: 'ITEM-A', quantity: 1 }], candidates: ['s1'] },
        { index: 1, lines: [{ supplierItemCode: 'ITEM-B', quantity: 1 }], candidates: ['s3'] },
      ],
      unreachable: ['s3'],
      rerouted: { 1: ['s4'] },
      pushes: [1, 0],
    },
    drive: () => async (handle, calls) => {
      const first = await groupDispatched(calls, 0, 1);
      await handle.signal(supplierAckedSignal, { dispatchId: first });
      await handle.executeUpdate(supplierShipmentUpdate, { args: [{ dispatchId: first, ...UPS }] });
      await until(() => calls.some((c) => c.name === 'holdLineGroups'));
      await handle.signal(recheckSignal);
      const second = await groupDispatched(calls, 1, 2);
      await handle.signal(supplierAckedSignal, { dispatchId: second });
      await handle.executeUpdate(supplierShipmentUpdate, {
        args: [{ dispatchId: second, trackingNumber: '1Z999AA10123456793', carrier: 'UPS' }],
      });
    },
  },
} satisfies Record<string, OrderScenario>;

export type OrderScenarioName = keyof typeof ORDER_SCENARIOS;

/** The input a scenario's workflow starts with, as the platform's client starts it today. */
export function scenarioInput(name: OrderScenarioName): OrderWorkflowInput {
  return orderWorkflowInput({
    tenantId: 'tenant-replay',
    shopId: 'shop-replay',
    platformOrderId: name,
  });
}

/** Runs one scenario and returns its recorded history. */
export async function recordOrderScenario(
  env: TestWorkflowEnvironment,
  bundle: { code: string },
  name: OrderScenarioName,
) {
  const input = scenarioInput(name);
  const scenario: OrderScenario = ORDER_SCENARIOS[name];
  const run = await runOrder(
    env,
    bundle,
    {
      taskQueue: `replay-${name}`,
      workflowId: orderWorkflowId(input.tenantId, input.shopId, input.platformOrderId),
      input,
      fake: scenario.fake,
    },
    scenario.drive(env),
  );
  if (run.result.status !== scenario.outcome)
    throw new Error(`${name} ended ${run.result.status}, not ${scenario.outcome}`);
  return run;
}
