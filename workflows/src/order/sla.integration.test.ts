import {
  DEFAULT_FULFILLMENT_POLICY,
  type FulfillmentPolicy,
  resolvePolicy,
} from '@switchyard/domain';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeSkipping } from '../../../test/harness/time-skipping.ts';
import {
  type ActivityCall as Call,
  type Drive,
  dispatched,
  type FakeOrderOptions,
  runOrder,
  timersArmed,
  until,
} from '../testing/index.ts';
import { orderWorkflowInput } from './client.ts';
import {
  cancelOrderSignal,
  marketplaceReleasedSignal,
  progressQuery,
  recheckSignal,
  type SupplierShipment,
  supplierAckedSignal,
  supplierAckUpdate,
  supplierShipmentUpdate,
} from './messages.ts';

/**
 * The order workflow's clocks (R-SLA-2, R-SLA-4) on Temporal's time-skipping test server:
 * hours pass in milliseconds. Activities are recorders here; their own behaviour is covered by
 * the end-to-end suites against real services.
 */
describe('order workflow SLA clocks (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: { code: string };

  beforeAll(async () => {
    ({ env, bundle } = await startTimeSkipping());
  });
  afterAll(async () => {
    await env?.teardown();
  });

  function run(
    fake: FakeOrderOptions,
    drive: Drive,
    opts: {
      /** Delivered with the start, so before the workflow has done anything. */
      signalAtStart?: typeof marketplaceReleasedSignal;
      policy?: FulfillmentPolicy;
      /** An input version older than the one orders start with today. */
      version?: 3;
    } = {},
  ) {
    const taskQueue = `sla-${Math.random().toString(36).slice(2)}`;
    const { signalAtStart, policy, version } = opts;
    const input = orderWorkflowInput({
      tenantId: 't',
      shopId: 's',
      platformOrderId: 'p',
      policy: policy ?? DEFAULT_FULFILLMENT_POLICY,
    });
    return runOrder(
      env,
      bundle,
      {
        taskQueue,
        workflowId: `wf-${taskQueue}`,
        input: version && input.version !== 1 ? { ...input, version } : input,
        fake,
        ...(signalAtStart && { signalAtStart }),
      },
      drive,
    );
  }

  it('re-routes to the next supplier when the first does not acknowledge within 30 minutes (R-SLA-2)', async () => {
    const { result, calls } = await run({}, async (handle, calls) => {
      const first = await dispatched(calls, 1);
      await env.sleep('31 minutes');
      const second = await dispatched(calls, 2);
      expect(second).not.toBe(first);
      // The first supplier's late ack is refused: that dispatch is no longer current.
      await expect(
        handle.executeUpdate(supplierAckUpdate, { args: [{ dispatchId: first }] }),
      ).rejects.toThrow();
      // Woken as the partner API wakes it: the stale dispatch's signal changes nothing.
      await handle.signal(supplierAckedSignal, { dispatchId: first });
      expect(await handle.query(progressQuery)).toMatchObject({ phase: 'dispatched' });
      await handle.signal(supplierAckedSignal, { dispatchId: second });
      await handle.executeUpdate(supplierShipmentUpdate, {
        args: [{ dispatchId: second, trackingNumber: '9400111206206406260787', carrier: 'USPS' }],
      });
    });
    expect(result).toEqual({ status: 'completed' });
    const names = calls.map((c) => c.name);
    expect(names.filter((n) => n === 'dispatchToSupplier')).toHaveLength(2);
    // Withdrawn only as long as the supplier has not answered: the row decides (R-SLA-2).
    expect(calls.find((c) => c.name === 'withdrawDispatch')!.args).toMatchObject({
      reason: 'ack_timeout',
      ifUnanswered: true,
    });
    expect(
      calls.filter((c) => c.name === 'dispatchToSupplier').map((c) => c.args.supplierId),
    ).toEqual(['s1', 's2']);
    expect(names.filter((n) => n === 'chargeOrder')).toHaveLength(1);
    // The partner API records the acknowledgement; the workflow has no step for it.
    expect(names).not.toContain('recordAck');
  });

  it('at the deadline keeps a dispatch the supplier acknowledged first, and waits for its shipment (R-SLA-2)', async () => {
    // The acknowledgement is in the database; its update never reached the workflow.
    const { result, calls } = await run({ ackRecorded: true }, async (handle, calls) => {
      const first = await dispatched(calls, 1);
      await timersArmed(handle, 1);
      await env.sleep('31 minutes');
      await until(() => calls.some((c) => c.name === 'withdrawDispatch'));
      await timersArmed(handle, 2); // the shipment's deadline, not a second ack window
      expect(await handle.query(progressQuery)).toMatchObject({
        phase: 'acknowledged',
        dispatchId: first,
      });
      await handle.executeUpdate(supplierShipmentUpdate, {
        args: [{ dispatchId: first, trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }],
      });
    });
    expect(result).toEqual({ status: 'completed' });
    const names = calls.map((c) => c.name);
    expect(names.filter((n) => n === 'dispatchToSupplier')).toHaveLength(1);
    expect(calls.filter((c) => c.name === 'withdrawDispatch').map((c) => c.args)).toEqual([
      expect.objectContaining({ reason: 'ack_timeout', ifUnanswered: true }),
    ]);
    expect(names).not.toContain('recordAck');
    expect(names.filter((n) => n === 'chargeOrder')).toHaveLength(1);
  });

  it('a version 3 order records the acknowledgement itself and withdraws at the deadline whatever the row says', async () => {
    const { result, calls } = await run(
      { ackRecorded: true },
      async (handle, calls) => {
        await dispatched(calls, 1);
        await timersArmed(handle, 1);
        await env.sleep('31 minutes');
        const second = await dispatched(calls, 2);
        await handle.executeUpdate(supplierAckUpdate, { args: [{ dispatchId: second }] });
        await handle.executeUpdate(supplierShipmentUpdate, {
          args: [{ dispatchId: second, trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }],
        });
      },
      { version: 3 },
    );
    expect(result).toEqual({ status: 'completed' });
    const withdrawal = calls.find((c) => c.name === 'withdrawDispatch')!.args;
    expect(withdrawal.reason).toBe('ack_timeout');
    expect(withdrawal).not.toHaveProperty('ifUnanswered');
    expect(calls.filter((c) => c.name === 'recordAck').map((c) => c.args.dispatchId)).toEqual([
      calls.filter((c) => c.name === 'dispatchToSupplier')[1]!.args.dispatchId,
    ]);
  });

  it('after a call given up on, keeps the order with a supplier that acknowledged it anyway, or else moves on', async () => {
    const ship = (dispatchId: string): { args: [SupplierShipment] } => ({
      args: [{ dispatchId, trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }],
    });
    // The call failed, yet reached the supplier, whose acknowledgement the database holds.
    const reached = await run({ unreachable: ['s1'], ackRecorded: true }, async (handle, calls) => {
      const first = await dispatched(calls, 1);
      await until(() => calls.some((c) => c.name === 'withdrawDispatch'));
      await timersArmed(handle, 1); // the shipment's deadline: no ack window for a kept dispatch
      await handle.executeUpdate(supplierShipmentUpdate, ship(first));
    });
    expect(reached.result).toEqual({ status: 'completed' });
    expect(reached.calls.filter((c) => c.name === 'dispatchToSupplier')).toHaveLength(1);
    expect(reached.calls.find((c) => c.name === 'withdrawDispatch')!.args).toMatchObject({
      reason: 'unreachable',
      ifUnanswered: true,
    });

    // Nobody acknowledged it: withdrawn, so a late acknowledgement is refused, and re-routed.
    const missed = await run({ unreachable: ['s1'] }, async (handle, calls) => {
      const second = await dispatched(calls, 2);
      await handle.executeUpdate(supplierAckUpdate, { args: [{ dispatchId: second }] });
      await handle.executeUpdate(supplierShipmentUpdate, ship(second));
    });
    expect(missed.result).toEqual({ status: 'completed' });
    expect(missed.calls.filter((c) => c.name === 'withdrawDispatch')).toHaveLength(1);

    // Version 3 moves on without a word, as it always did.
    const v3 = await run(
      { unreachable: ['s1'], ackRecorded: true },
      async (handle, calls) => {
        const second = await dispatched(calls, 2);
        await handle.executeUpdate(supplierAckUpdate, { args: [{ dispatchId: second }] });
        await handle.executeUpdate(supplierShipmentUpdate, ship(second));
      },
      { version: 3 },
    );
    expect(v3.result).toEqual({ status: 'completed' });
    expect(v3.calls.some((c) => c.name === 'withdrawDispatch')).toBe(false);
  });

  it('holds the supplier to the clocks of the policy the order started with', async () => {
    const policy = resolvePolicy({ tenant: { ackWindowMs: 10 * 60_000 } });
    const { result, calls } = await run(
      { suppliers: ['s1'] },
      async (_handle, calls) => {
        const withdrawn = () => calls.some((c) => c.name === 'withdrawDispatch');
        await dispatched(calls, 1);
        await env.sleep('9 minutes');
        expect(withdrawn()).toBe(false);
        await env.sleep('2 minutes');
        await until(withdrawn);
        expect(withdrawn()).toBe(true); // at 11 minutes, not at the default 30
      },
      { policy },
    );
    expect(result).toEqual({ status: 'failed', reason: 'no supplier could take the order' });
    expect(calls.find((c) => c.name === 'withdrawDispatch')!.args).toMatchObject({
      reason: 'ack_timeout',
      policy,
    });
    // The activities get the order's policy too: the dispatch's ack deadline is its window.
    expect(calls.find((c) => c.name === 'dispatchToSupplier')!.args.policy).toEqual(policy);
  });

  it('holds each supplier to the clocks its contract sets, and the next one to the defaults (R-SLA-2)', async () => {
    const { calls } = await run(
      { suppliers: ['s1', 's2'], clocks: { s1: { ackWindowMs: 60 * 60_000 } } },
      async (_handle, calls) => {
        const withdrawals = () => calls.filter((c) => c.name === 'withdrawDispatch').length;
        await dispatched(calls, 1);
        await env.sleep('31 minutes');
        expect(withdrawals()).toBe(0); // s1 has an hour, not the default 30 minutes
        await env.sleep('30 minutes');
        await until(() => withdrawals() === 1);
        await dispatched(calls, 2);
        await env.sleep('31 minutes');
        await until(() => withdrawals() === 2); // s2 is held to the default
      },
    );
    const withdrawn = calls.filter((c) => c.name === 'withdrawDispatch');
    // The tenant is told of s1's own window when it goes silent.
    expect(withdrawn[0]!.args.policy).toMatchObject({ ackWindowMs: 60 * 60_000 });
    expect(withdrawn[1]!.args.policy).toMatchObject({ ackWindowMs: 30 * 60_000 });
  });

  it('gives a file supplier its acknowledgement window from its next batch, not from the dispatch (R-RT-2)', async () => {
    // The time-skipping server's clock, which earlier tests moved on.
    const batchAt = (await env.currentTimeMs()) + 5 * 60 * 60_000;
    await run({ suppliers: ['s1', 's2'], batchAtMs: { s1: batchAt } }, async (_handle, calls) => {
      const withdrawals = () => calls.filter((c) => c.name === 'withdrawDispatch').length;
      await dispatched(calls, 1);
      await env.sleep('5 hours');
      expect(withdrawals()).toBe(0); // its batch leaves at 5 h; the 30 minutes run from then
      await env.sleep('31 minutes');
      await until(() => withdrawals() === 1);
    });
  });

  it('reminds an acknowledged supplier 2 h after the ship deadline, then escalates and re-routes (R-SLA-4)', async () => {
    const { result, calls } = await run({ suppliers: ['s1'] }, async (handle, calls) => {
      const first = await dispatched(calls, 1);
      await handle.executeUpdate(supplierAckUpdate, { args: [{ dispatchId: first }] });
      await env.sleep('51 hours'); // 48 h ship window + 2 h, and a little
      await until(() => calls.some((c) => c.name === 'remindSupplier'));
      expect(calls.filter((c) => c.name === 'remindSupplier')).toHaveLength(1);
      expect(calls.filter((c) => c.name === 'withdrawDispatch')).toHaveLength(0);
      await env.sleep('25 hours');
    });
    expect(result).toEqual({ status: 'failed', reason: 'no supplier could take the order' });
    expect(calls.find((c) => c.name === 'withdrawDispatch')!.args.reason).toBe('not_shipped');
    expect(calls.filter((c) => c.name === 'chargeOrder')).toHaveLength(0);
  });

  it('a cancellation withdraws the open dispatch and charges nothing', async () => {
    const { result, calls } = await run({}, async (handle, calls) => {
      await dispatched(calls, 1);
      await handle.signal(cancelOrderSignal, { reason: 'buyer cancelled' });
    });
    expect(result).toEqual({ status: 'cancelled', reason: 'buyer cancelled' });
    expect(calls.find((c) => c.name === 'withdrawDispatch')!.args.reason).toBe('order_cancelled');
    expect(calls.some((c) => c.name === 'chargeOrder')).toBe(false);
  });

  it('a held order waits for the tenant’s fix, re-checks and then proceeds', async () => {
    const { result, calls } = await run({ holds: 1 }, async (handle, calls) => {
      await env.sleep('3 days'); // holds do not time out on their own
      expect(calls.some((c) => c.name === 'dispatchToSupplier')).toBe(false);
      await handle.signal(recheckSignal);
      const d = await dispatched(calls, 1);
      await handle.executeUpdate(supplierAckUpdate, { args: [{ dispatchId: d }] });
      await handle.executeUpdate(supplierShipmentUpdate, {
        args: [{ dispatchId: d, trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }],
      });
    });
    expect(result).toEqual({ status: 'completed' });
    expect(calls.filter((c) => c.name === 'recheckOrder')).toHaveLength(1);
  });

  it('re-checks an order the marketplace has not released every 5 minutes by itself, until it is released', async () => {
    const rechecks = (calls: Call[]) => calls.filter((c) => c.name === 'recheckOrder').length;
    // Released on the third re-check; no notification and no tenant ever signals it.
    const { result, calls, history } = await run(
      { holds: 3, holdCode: 'MARKETPLACE_ON_HOLD' },
      async (handle, calls) => {
        // Time only moves on from the moment the workflow armed its timer.
        const armed = (n: number) => timersArmed(handle, n);
        await armed(1);
        await env.sleep('4 minutes');
        expect(rechecks(calls)).toBe(0); // a bounded interval, not a busy loop
        await env.sleep('2 minutes');
        await until(() => rechecks(calls) === 1);
        expect(rechecks(calls)).toBe(1);
        await armed(2);
        await env.sleep('6 minutes');
        await until(() => rechecks(calls) === 2);
        expect(rechecks(calls)).toBe(2);
        await armed(3);
        await env.sleep('6 minutes');
        const d = await dispatched(calls, 1);
        await handle.executeUpdate(supplierAckUpdate, { args: [{ dispatchId: d }] });
        await handle.executeUpdate(supplierShipmentUpdate, {
          args: [{ dispatchId: d, trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }],
        });
      },
    );
    expect(result).toEqual({ status: 'completed' });
    expect(rechecks(calls)).toBe(3);
    // Re-checks that found the order still held add nothing to its timeline.
    const notes = calls.filter((c) => c.name === 'recordProgress').map((c) => c.args.kind);
    expect(notes.filter((k) => k === 'held')).toHaveLength(1);
    expect(notes).toContain('hold_released');
    // The timer is behind patched(): the history replays against today's code.
    await Worker.runReplayHistory({ workflowBundle: bundle }, history);
  });

  it('re-checks a LABEL_NO_SERVICE hold by itself on the policy’s backoff schedule, then waits for the tenant (R-CHK-3)', async () => {
    const rechecks = (calls: Call[]) => calls.filter((c) => c.name === 'recheckOrder').length;
    // TikTok Shipping offers no service on the first three tries; the schedule allows two.
    const { result, calls, history } = await run(
      { holds: 3, holdCode: 'LABEL_NO_SERVICE' },
      async (handle, calls) => {
        await timersArmed(handle, 1);
        await env.sleep('4 minutes');
        expect(rechecks(calls)).toBe(0);
        await env.sleep('2 minutes'); // 5 minutes: the first delay
        await until(() => rechecks(calls) === 1);
        await timersArmed(handle, 2);
        await env.sleep('16 minutes'); // then 15 minutes
        await until(() => rechecks(calls) === 2);
        // The schedule is spent: no timer, however long it waits; the tenant re-checks.
        await env.sleep('3 days');
        expect(rechecks(calls)).toBe(2);
        await handle.signal(recheckSignal);
        await shipOnce(handle, calls);
      },
      { policy: { ...DEFAULT_FULFILLMENT_POLICY, labelRecheckMs: [5 * 60_000, 15 * 60_000] } },
    );
    expect(result).toEqual({ status: 'completed' });
    expect(rechecks(calls)).toBe(3);
    // Re-checks that found the order still held add nothing to its timeline.
    const notes = calls.filter((c) => c.name === 'recordProgress').map((c) => c.args.kind);
    expect(notes.filter((k) => k === 'held')).toHaveLength(1);
    await Worker.runReplayHistory({ workflowBundle: bundle }, history);
  });

  const shipOnce = async (handle: Parameters<Drive>[0], calls: Call[]) => {
    const d = await dispatched(calls, 1);
    await handle.executeUpdate(supplierAckUpdate, { args: [{ dispatchId: d }] });
    await handle.executeUpdate(supplierShipmentUpdate, {
      args: [{ dispatchId: d, trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }],
    });
  };

  it('re-checks at once when the marketplace says it released the order, even before the hold was recorded', async () => {
    const { result, calls, history } = await run(
      { holds: 1, holdCode: 'MARKETPLACE_ON_HOLD' },
      async (handle, calls) => {
        // No time passes: neither the timer nor anybody else could have woken it.
        await until(() => calls.some((c) => c.name === 'recheckOrder'));
        await shipOnce(handle, calls);
      },
      { signalAtStart: marketplaceReleasedSignal },
    );
    expect(result).toEqual({ status: 'completed' });
    expect(calls.filter((c) => c.name === 'recheckOrder')).toHaveLength(1);
    expect(history.events?.some((e) => e.timerFiredEventAttributes)).toBe(false);
  });

  it('ignores the marketplace’s release while a hold only the tenant can fix remains', async () => {
    const { result, calls } = await run(
      { holds: 1, holdCode: 'SKU_UNMAPPED' },
      async (handle, calls) => {
        await until(() => calls.some((c) => c.args.kind === 'held'));
        await handle.signal(marketplaceReleasedSignal);
        await env.sleep('1 hour');
        expect(calls.some((c) => c.name === 'recheckOrder')).toBe(false);
        await handle.signal(recheckSignal);
        await shipOnce(handle, calls);
      },
    );
    expect(result).toEqual({ status: 'completed' });
    expect(calls.filter((c) => c.name === 'recheckOrder')).toHaveLength(1);
  });
});
