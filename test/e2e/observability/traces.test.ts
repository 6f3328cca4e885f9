import { orderWorkflowId } from '@switchyard/domain';
import { startTracing, type Tracing } from '@switchyard/observability/tracing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../../harness/platform.ts';
import { type ReceivedSpan, startOtlpReceiver } from './otlp-receiver.ts';

describe('traces: one order from the api through its workflow to activities and outbound HTTP, over OTLP/HTTP', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let tracing: Tracing;
  let p: Platform;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    tracing = startTracing({ serviceName: 'switchyard-test', url: receiver.url });
    p = await startPlatform({ tracing });
  });
  afterAll(async () => {
    await p?.close();
    await tracing?.shutdown();
    await receiver?.close();
  });

  it('api → workflow → activity → fetch in one trace, with tenant and order ids, no buyer data', async () => {
    const t = p.tenants[0]!;
    const sim = p.tts.createOrder(t.simShopId);
    expect(await p.orderResult(t.tenantId, t.shopId, sim.id)).toEqual({ status: 'completed' });
    const { id: orderId } = await p.admin
      .selectFrom('orders')
      .select('id')
      .where('platform_order_id', '=', sim.id)
      .executeTakeFirstOrThrow();

    // The workflow start, made by the api's client, names the tenant and the order.
    const start = await eventually(
      async () => {
        await tracing.spanProcessor.forceFlush();
        return receiver.spans.find(
          (s) =>
            /^(StartWorkflow|SignalWithStartWorkflow):orderFulfillment$/.test(s.name) &&
            s.attributes['switchyard.platform_order_id'] === sim.id,
        );
      },
      30_000,
      250,
    );
    expect(start.attributes['switchyard.tenant_id']).toBe(t.tenantId);

    // Everything in its trace, once the worker's spans (the workflow's through a sink) are in.
    const inTrace = () => receiver.spans.filter((s) => s.traceId === start.traceId);
    const byId = () => new Map(inTrace().map((s) => [s.spanId, s]));
    const descends = (s: ReceivedSpan, ancestor: ReceivedSpan) => {
      const spans = byId();
      for (let cur: ReceivedSpan | undefined = s; cur; cur = spans.get(cur.parentSpanId))
        if (cur.spanId === ancestor.spanId) return true;
      return false;
    };
    const outbound = (s: ReceivedSpan) => s.attributes['http.request.method'] !== undefined;
    const chain = await eventually(
      async () => {
        await tracing.spanProcessor.forceFlush();
        const spans = inTrace();
        const activities = spans.filter((s) => s.name.startsWith('RunActivity:'));
        const fetches = spans.filter(outbound);
        const pushBack = fetches.find((f) => f.attributes['url.full']?.includes('/packages'));
        return activities.length > 0 && pushBack ? { activities, fetches, pushBack } : undefined;
      },
      60_000,
      500,
    );

    // The workflow passed the api's trace on to each activity it scheduled (its start header
    // copied onto the activity's): the activity spans are the start's, of the order's workflow.
    const workflowId = orderWorkflowId(t.tenantId, t.shopId, sim.id);
    expect(start.attributes.temporalWorkflowId).toBe(workflowId);
    expect(chain.activities.map((a) => a.name)).toEqual(
      expect.arrayContaining([
        'RunActivity:recordOrder',
        'RunActivity:dispatchToSupplier',
        'RunActivity:pushTracking',
      ]),
    );
    for (const a of chain.activities) {
      expect(descends(a, start), a.name).toBe(true);
      expect(a.attributes.temporalWorkflowId, a.name).toBe(workflowId);
      expect(a.attributes['switchyard.tenant_id'], a.name).toBe(t.tenantId);
    }
    // The push-back to the marketplace is a child of an activity that names the order.
    const activityOf = (f: ReceivedSpan) => chain.activities.find((a) => descends(f, a));
    const parent = activityOf(chain.pushBack);
    expect(parent, 'push-back under an activity').toBeDefined();
    const names = parent!.attributes;
    expect(
      names['switchyard.order_id'] === orderId || names['switchyard.platform_order_id'] === sim.id,
    ).toBe(true);
    if (process.env.TRACE_DEBUG)
      console.log(
        inTrace()
          .map((s) => `${s.name} ${JSON.stringify(s.attributes)}`)
          .join('\n'),
      );
    expect(chain.activities.some((a) => a.attributes['switchyard.order_id'] === orderId)).toBe(
      true,
    );
    // The dispatch to the supplier is traced too.
    expect(chain.fetches.some((f) => f.attributes['url.full']?.includes('/dispatches'))).toBe(true);

    // The workflow's own milestones (recorded through a sink, times of the workflow's clock)
    // are children of the api's start: checks, routing, dispatch, acknowledgement, shipment,
    // push-back and completion, each naming the tenant and the order.
    const milestones = await eventually(
      async () => {
        await tracing.spanProcessor.forceFlush();
        const spans = inTrace().filter((s) => s.name.startsWith('orderFulfillment.'));
        return spans.some((s) => s.name === 'orderFulfillment.completed') ? spans : undefined;
      },
      60_000,
      500,
    );
    expect(milestones.map((m) => m.name)).toEqual(
      expect.arrayContaining(
        [
          'checks',
          'route',
          'dispatch',
          'acknowledgement',
          'shipment',
          'push_back',
          'completed',
        ].map((n) => `orderFulfillment.${n}`),
      ),
    );
    for (const m of milestones) {
      expect(m.parentSpanId, m.name).toBe(start.spanId);
      expect(m.attributes['switchyard.tenant_id'], m.name).toBe(t.tenantId);
      expect(m.attributes['switchyard.order_id'], m.name).toBe(orderId);
      expect(m.attributes.temporalWorkflowId, m.name).toBe(workflowId);
      expect(Number(m.endNanos) >= Number(m.startNanos), m.name).toBe(true);
    }
    const byName = (n: string) => milestones.find((m) => m.name === `orderFulfillment.${n}`)!;
    expect(byName('dispatch').attributes['switchyard.accepted']).toBe('true');
    expect(byName('acknowledgement').attributes['switchyard.outcome']).toBe('acknowledged');
    expect(byName('push_back').attributes['switchyard.outcome']).toBe('pushed');
    // Each milestone is exported once.
    expect(milestones.filter((m) => m.name === 'orderFulfillment.checks')).toHaveLength(1);

    // No buyer data and no secrets anywhere in the export: names, attribute values.
    const addr = p.tts.getOrder(sim.id)!.recipientAddress as Record<string, string>;
    const forbidden = [
      addr.name!,
      addr.phone_number!,
      addr.address_line1!,
      addr.postal_code!,
      t.apiToken,
    ];
    const all = receiver.spans.flatMap((s) => [s.name, ...Object.values(s.attributes)]);
    for (const f of forbidden.filter((v) => v && v.length >= 4))
      expect(
        all.filter((v) => v.includes(f)),
        f,
      ).toEqual([]);
    // Outbound URLs lose their query string (signatures, app keys).
    for (const f of chain.fetches) expect(f.attributes['url.full']).not.toContain('?');
  });
});
