import { describe, expect, it } from 'vitest';
import { createServiceMetrics } from './metrics.ts';
import { type PlatformFact, registerPlatformFacts } from './platform-facts.ts';
import { idAttributes } from './tracing.ts';
import { milestoneAttributes } from './workflow-spans.ts';

const fact = (metric: string, labelA = '', value = 1, labelB = ''): PlatformFact => ({
  metric,
  labelA,
  labelB,
  value,
});

describe('platform facts', () => {
  it('maps database facts to series, reads once per cache period, keeps values when a read fails', async () => {
    let clock = 0;
    let reads = 0;
    let failing = false;
    const { registry } = createServiceMetrics('api');
    registerPlatformFacts(
      registry,
      async () => {
        reads++;
        if (failing) throw new Error('connection refused');
        return [
          fact('order_events', 'completed', 3),
          fact('order_events', 'routed', 9), // not an outcome: no series
          fact('held_orders', 'SKU_UNMAPPED', 2),
          fact('hold_codes', 'SKU_UNMAPPED', 5),
          fact('hold_codes', 'MARKETPLACE_ON_HOLD', 1),
          fact('notifications', 'supplier_no_ack', 1),
          fact('notifications', 'shop_deauthorized', 5), // not a breach
          fact('ledger_minor', 'sla_credit', -40, 'USD'),
          fact('inbox_oldest_unrouted_s', '', 12.5),
        ];
      },
      { cacheMs: 1000, now: () => clock },
    );
    const text = await registry.metrics();
    expect(text).toContain('switchyard_order_outcomes_total{outcome="completed",service="api"} 3');
    expect(text).not.toContain('outcome="routed"');
    expect(text).toContain('switchyard_orders_held{code="SKU_UNMAPPED",service="api"} 2');
    expect(text).toContain(
      'switchyard_order_hold_codes_total{code="SKU_UNMAPPED",service="api"} 5',
    );
    expect(text).toContain(
      'switchyard_order_hold_codes_total{code="MARKETPLACE_ON_HOLD",service="api"} 1',
    );
    expect(text).toContain(
      'switchyard_sla_breaches_total{rule="R-SLA-2",kind="supplier_no_ack",service="api"} 1',
    );
    expect(text).not.toContain('shop_deauthorized');
    expect(text).toContain(
      'switchyard_ledger_amount_minor{kind="sla_credit",currency="USD",service="api"} -40',
    );
    expect(text).toContain('switchyard_webhook_inbox_lag_seconds{service="api"} 12.5');
    expect(text).toContain('switchyard_platform_facts_up{service="api"} 1');
    // Every metric of the scrape shared one read, and so does a scrape within the period.
    expect(reads).toBe(1);
    await registry.metrics();
    expect(reads).toBe(1);

    clock = 2000;
    failing = true;
    const down = await registry.metrics();
    expect(reads).toBe(2);
    expect(down).toContain('switchyard_platform_facts_up{service="api"} 0');
    expect(down).toContain('switchyard_order_outcomes_total{outcome="completed",service="api"} 3');
  });
});

describe('span attributes of an input', () => {
  it('takes the ids and nothing else, from the input or its order', () => {
    expect(
      idAttributes({
        tenantId: 't-1',
        orderId: 'o-1',
        recipient: { name: 'Ada Lovelace', phone: '+1 555 0100' },
        order: { platformOrderId: 'p-1', buyerEmail: 'ada@example.com' },
      }),
    ).toEqual({
      'switchyard.tenant_id': 't-1',
      'switchyard.order_id': 'o-1',
      'switchyard.platform_order_id': 'p-1',
    });
    expect(idAttributes('Ada Lovelace')).toEqual({});
    expect(idAttributes({ tenantId: 42 })).toEqual({});
  });
});

describe('span attributes of a workflow milestone', () => {
  it('keeps the listed ids and codes of their shape, drops any other key or free text', () => {
    expect(
      milestoneAttributes({
        tenantId: 't-1',
        orderId: 'o-1',
        attempt: 1,
        accepted: true,
        holdCodes: ['SKU_UNMAPPED', 'Ada Lovelace, 12 Main St'],
        outcome: 'Ada Lovelace',
        recipient: 'Ada Lovelace',
        phone: '+1 555 0100',
      }),
    ).toEqual({
      'switchyard.tenant_id': 't-1',
      'switchyard.order_id': 'o-1',
      'switchyard.attempt': 1,
      'switchyard.accepted': true,
      'switchyard.hold_codes': ['SKU_UNMAPPED'],
    });
    expect(milestoneAttributes('Ada Lovelace')).toEqual({});
  });

  it('takes the ids of a billing step from its close reference', () => {
    expect(
      idAttributes({ ref: { tenantId: 't-1', period: '2026-10', currency: 'USD' }, line: {} }),
    ).toEqual({
      'switchyard.tenant_id': 't-1',
      'switchyard.period': '2026-10',
      'switchyard.currency': 'USD',
    });
  });
});
