import { DEFAULT_FULFILLMENT_POLICY } from '@switchyard/domain';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeSkipping } from '../../../test/harness/time-skipping.ts';
import {
  type ActivityCall,
  type Drive,
  type FakeOrderOptions,
  groupDispatched,
  runOrder,
  until,
} from '../testing/index.ts';
import { orderWorkflowInput } from './client.ts';
import {
  cancelOrderSignal,
  progressQuery,
  recheckSignal,
  supplierAckedSignal,
  supplierShipmentUpdate,
} from './messages.ts';

const GROUPS: FakeOrderOptions = {
  suppliers: [],
  lineGroups: [
    { index: 0, lines: [{ supplierItemCode: 'MUG', quantity: 2 }], candidates: ['s1', 's2'] },
    { index: 1, lines: [{ supplierItemCode: 'LID', quantity: 1 }], candidates: ['s3'] },
  ],
};
const USPS = { trackingNumber: '9400111206206406260787', carrier: 'USPS' };
const UPS = { trackingNumber: '1Z999AA10123456784', carrier: 'UPS' };
const of = (calls: ActivityCall[], name: ActivityCall['name']) =>
  calls.filter((c) => c.name === name).map((c) => c.args);

/**
 * R-RT-1 split, on Temporal's time-skipping test server: each line group of an order keeps its
 * own clocks (R-SLA-2) and re-routes along its own fallbacks, and its packages carry its own
 * lines. Activities are recorders; the end-to-end suite runs the real ones.
 */
describe('order workflow line groups (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: { code: string };

  beforeAll(async () => {
    ({ env, bundle } = await startTimeSkipping());
  });
  afterAll(async () => {
    await env?.teardown();
  });

  function run(fake: FakeOrderOptions, drive: (e: TestWorkflowEnvironment) => Drive) {
    const taskQueue = `groups-${Math.random().toString(36).slice(2)}`;
    const input = orderWorkflowInput({
      tenantId: 't',
      shopId: 's',
      platformOrderId: 'p',
      policy: DEFAULT_FULFILLMENT_POLICY,
    });
    return runOrder(
      env,
      bundle,
      { taskQueue, workflowId: `wf-${taskQueue}`, input, fake },
      drive(env),
    );
  }

  it('re-routes only the group whose supplier does not acknowledge in time (R-SLA-2); each package carries its group’s lines', async () => {
    const { result, calls } = await run({ ...GROUPS, pushes: [2, 0] }, () => async (handle, c) => {
      const mugs = await groupDispatched(c, 0, 1);
      const lids = await groupDispatched(c, 1, 1);
      await handle.signal(supplierAckedSignal, { dispatchId: lids });
      await env.sleep('31 minutes');
      const mugs2 = await groupDispatched(c, 0, 2);
      expect(mugs2).not.toBe(mugs);
      expect(await handle.query(progressQuery)).toMatchObject({
        groups: [
          { index: 0, dispatchId: mugs2, supplierId: 's2', phase: 'dispatched' },
          { index: 1, dispatchId: lids, supplierId: 's3', phase: 'acknowledged' },
        ],
      });
      await handle.executeUpdate(supplierShipmentUpdate, { args: [{ dispatchId: lids, ...UPS }] });
      await until(() => c.some((x) => x.name === 'pushTracking'));
      await handle.signal(supplierAckedSignal, { dispatchId: mugs2 });
      await handle.executeUpdate(supplierShipmentUpdate, {
        args: [{ dispatchId: mugs2, ...USPS }],
      });
    });
    expect(result).toEqual({ status: 'completed' });
    expect(of(calls, 'dispatchToSupplier').map((a) => [a.supplierId, a.group])).toEqual([
      ['s1', { index: 0, itemCodes: ['MUG'] }],
      ['s3', { index: 1, itemCodes: ['LID'] }],
      ['s2', { index: 0, itemCodes: ['MUG'] }],
    ]);
    expect(of(calls, 'withdrawDispatch')).toMatchObject([{ reason: 'ack_timeout' }]);
    // A package that names no lines holds what is left of its own group only.
    expect(of(calls, 'pushTracking')).toMatchObject([
      {
        lines: [{ supplierItemCode: 'LID', quantity: 1 }],
        group: { done: true, supplierId: 's3' },
      },
      {
        lines: [{ supplierItemCode: 'MUG', quantity: 2 }],
        group: { done: true, supplierId: 's2' },
      },
    ]);
    expect(of(calls, 'chargeOrder')).toHaveLength(1);
  });

  it('a group that ships in two packages is done with the second', async () => {
    const { result, calls } = await run(
      { ...GROUPS, pushes: [2, 1, 0] },
      () => async (handle, c) => {
        const mugs = await groupDispatched(c, 0, 1);
        const lids = await groupDispatched(c, 1, 1);
        for (const dispatchId of [mugs, lids])
          await handle.signal(supplierAckedSignal, { dispatchId });
        const part = [{ supplierItemCode: 'MUG', quantity: 1 }];
        await handle.executeUpdate(supplierShipmentUpdate, {
          args: [{ dispatchId: mugs, ...USPS, lines: part }],
        });
        await until(() => c.some((x) => x.name === 'pushTracking'));
        await handle.executeUpdate(supplierShipmentUpdate, {
          args: [{ dispatchId: lids, ...UPS }],
        });
        await until(() => c.filter((x) => x.name === 'pushTracking').length === 2);
        await handle.executeUpdate(supplierShipmentUpdate, {
          args: [{ dispatchId: mugs, trackingNumber: '9400111206206406260794', carrier: 'USPS' }],
        });
      },
    );
    expect(result).toEqual({ status: 'completed' });
    expect(
      of(calls, 'pushTracking').map((a) => [a.lines, (a.group as { done: boolean }).done]),
    ).toEqual([
      [[{ supplierItemCode: 'MUG', quantity: 1 }], false],
      [[{ supplierItemCode: 'LID', quantity: 1 }], true],
      [[{ supplierItemCode: 'MUG', quantity: 1 }], true],
    ]);
  });

  it('a group re-routed after a partial package sends its next supplier only what is left of it (R-RT-1, R-SLA-4)', async () => {
    const { result, calls } = await run(
      { ...GROUPS, pushes: [2, 1, 0] },
      () => async (handle, c) => {
        const mugs = await groupDispatched(c, 0, 1);
        const lids = await groupDispatched(c, 1, 1);
        for (const dispatchId of [mugs, lids])
          await handle.signal(supplierAckedSignal, { dispatchId });
        await handle.executeUpdate(supplierShipmentUpdate, {
          args: [{ dispatchId: mugs, ...USPS, lines: [{ supplierItemCode: 'MUG', quantity: 1 }] }],
        });
        await until(() => c.some((x) => x.name === 'pushTracking'));
        await handle.executeUpdate(supplierShipmentUpdate, {
          args: [{ dispatchId: lids, ...UPS }],
        });
        await until(() => c.filter((x) => x.name === 'pushTracking').length === 2);
        // The first supplier never ships the second mug: reminded 2 h after the 48 h it had,
        // escalated a day later and re-routed; the next supplier's 30 minutes have not run out.
        await env.sleep('4445 minutes');
        const mugs2 = await groupDispatched(c, 0, 2);
        await handle.signal(supplierAckedSignal, { dispatchId: mugs2 });
        await handle.executeUpdate(supplierShipmentUpdate, {
          args: [{ dispatchId: mugs2, trackingNumber: '9400111206206406260794', carrier: 'USPS' }],
        });
      },
    );
    expect(result).toEqual({ status: 'completed' });
    const groups = of(calls, 'dispatchToSupplier').map((a) => [a.supplierId, a.group]);
    expect(groups).toEqual([
      ['s1', { index: 0, itemCodes: ['MUG'] }],
      ['s3', { index: 1, itemCodes: ['LID'] }],
      ['s2', { index: 0, itemCodes: ['MUG'], lines: [{ supplierItemCode: 'MUG', quantity: 1 }] }],
    ]);
    expect(of(calls, 'withdrawDispatch')).toMatchObject([{ reason: 'not_shipped' }]);
    expect(
      of(calls, 'pushTracking').map((a) => [a.lines, (a.group as { done: boolean }).done]),
    ).toEqual([
      [[{ supplierItemCode: 'MUG', quantity: 1 }], false],
      [[{ supplierItemCode: 'LID', quantity: 1 }], true],
      [[{ supplierItemCode: 'MUG', quantity: 1 }], true],
    ]);
  });

  it('cancelled with one group shipped: the other group’s dispatch is withdrawn, the shipped one kept', async () => {
    let mugs = '';
    const { result, calls } = await run({ ...GROUPS, pushes: [2] }, () => async (handle, c) => {
      mugs = await groupDispatched(c, 0, 1);
      const lids = await groupDispatched(c, 1, 1);
      await handle.signal(supplierAckedSignal, { dispatchId: lids });
      await handle.executeUpdate(supplierShipmentUpdate, { args: [{ dispatchId: lids, ...UPS }] });
      await until(() => c.some((x) => x.name === 'pushTracking'));
      await handle.signal(cancelOrderSignal, { reason: 'cancelled on the marketplace' });
    });
    expect(result).toMatchObject({ status: 'cancelled' });
    expect(of(calls, 'withdrawDispatch')).toMatchObject([
      { dispatchId: mugs, reason: 'order_cancelled' },
    ]);
  });

  it('a group with no supplier left while the other shipped holds the rest (LINE_GROUP_NO_SUPPLIER, R-RT-1); a re-check routes it again', async () => {
    const { result, calls } = await run(
      { ...GROUPS, unreachable: ['s3'], pushes: [1, 0], rerouted: { 1: ['s4'] } },
      () => async (handle, c) => {
        const mugs = await groupDispatched(c, 0, 1);
        await handle.signal(supplierAckedSignal, { dispatchId: mugs });
        await handle.executeUpdate(supplierShipmentUpdate, {
          args: [{ dispatchId: mugs, ...USPS }],
        });
        await until(() => c.some((x) => x.name === 'holdLineGroups'));
        expect(await handle.query(progressQuery)).toMatchObject({ phase: 'on_hold' });
        // The operator restocked a supplier; the tenant re-checks.
        await handle.signal(recheckSignal);
        const lids = await groupDispatched(c, 1, 2);
        await handle.signal(supplierAckedSignal, { dispatchId: lids });
        await handle.executeUpdate(supplierShipmentUpdate, {
          args: [{ dispatchId: lids, ...UPS }],
        });
      },
    );
    expect(result).toEqual({ status: 'completed' });
    expect(of(calls, 'holdLineGroups')).toMatchObject([
      { lineGroups: [1], shippedGroups: [0], round: 1 },
    ]);
    expect(of(calls, 'rerouteLineGroups')).toMatchObject([
      { groups: [{ index: 1, lines: [{ supplierItemCode: 'LID', quantity: 1 }] }] },
    ]);
    expect(of(calls, 'dispatchToSupplier').map((a) => a.supplierId)).toEqual(['s1', 's3', 's4']);
    // Not failed: no no_supplier step, which would tell the operator the order is lost.
    expect(of(calls, 'recordProgress').map((a) => a.kind)).not.toContain('no_supplier');
  });

  it('held for a group without supplier, then cancelled: ends cancelled, nothing failed', async () => {
    const { result, calls } = await run(
      { ...GROUPS, unreachable: ['s3'], pushes: [1] },
      () => async (handle, c) => {
        const mugs = await groupDispatched(c, 0, 1);
        await handle.signal(supplierAckedSignal, { dispatchId: mugs });
        await handle.executeUpdate(supplierShipmentUpdate, {
          args: [{ dispatchId: mugs, ...USPS }],
        });
        await until(() => c.some((x) => x.name === 'holdLineGroups'));
        await handle.signal(cancelOrderSignal, { reason: 'cancelled on the marketplace' });
      },
    );
    expect(result).toMatchObject({ status: 'cancelled' });
    expect(of(calls, 'rerouteLineGroups')).toEqual([]);
  });

  it('fails, naming the groups, when no group could be placed at all', async () => {
    const { result, calls } = await run(
      { ...GROUPS, unreachable: ['s1', 's2', 's3'] },
      () => async () => {},
    );
    expect(result).toEqual({
      status: 'failed',
      reason: 'no supplier could take line groups 0, 1',
    });
    expect(of(calls, 'holdLineGroups')).toEqual([]);
    expect(of(calls, 'recordProgress')).toContainEqual(
      expect.objectContaining({ kind: 'no_supplier', detail: { lineGroups: [0, 1] } }),
    );
  });
});
