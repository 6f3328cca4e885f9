import type { AddressInfo } from 'node:net';
import { apiOps, createApp, serveApi } from '@switchyard/api';
import { createDb } from '@switchyard/db';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../../harness/platform.ts';
import { sampleValue, scrape } from './prometheus.ts';

const ORDERS = 3;

describe('metrics: orders through the platform move the counters scraped over HTTP', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('/metrics answers only with the bearer token', async () => {
    const bare = await fetch(`${p.apiUrl}/metrics`);
    expect(bare.status).toBe(401);
    const wrong = await fetch(`${p.apiUrl}/metrics`, {
      headers: { authorization: 'Bearer metrics-token-for-testX' },
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it(`${ORDERS} completed orders and one held: outcomes, holds, ledger, latency, inbox`, async () => {
    const url = `${p.apiUrl}/metrics`;
    const before = (await scrape(url, p.metricsToken)).samples;
    expect(sampleValue(before, 'switchyard_platform_facts_up')).toBe(1);
    const t = p.tenants[0]!;
    const sims = Array.from({ length: ORDERS }, () => p.tts.createOrder(t.simShopId));
    // R-CHK-1: an item the tenant never mapped holds the order.
    p.tts.createOrder(t.simShopId, {
      items: [
        {
          skuId: 'UNMAPPED-SKU-1',
          sellerSku: 'UNMAPPED-1',
          productId: '1',
          productName: 'Unmapped thing',
          unitPrice: '9.99',
          quantity: 1,
        },
      ],
    });
    for (const o of sims)
      expect(await p.orderResult(t.tenantId, t.shopId, o.id)).toEqual({ status: 'completed' });
    const after = await eventually(
      async () => {
        const s = (await scrape(url, p.metricsToken)).samples;
        return sampleValue(s, 'switchyard_orders_held', { code: 'SKU_UNMAPPED' }) === 1 &&
          sampleValue(s, 'switchyard_webhook_inbox_unrouted') === 0
          ? s
          : undefined;
      },
      60_000,
      250,
    );
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);

    expect(delta('switchyard_order_outcomes_total', { outcome: 'completed' })).toBe(ORDERS);
    expect(delta('switchyard_order_outcomes_total', { outcome: 'cancelled' })).toBe(0);
    expect(sampleValue(after, 'switchyard_orders', { status: 'completed' })).toBe(ORDERS);
    expect(delta('switchyard_order_holds_total')).toBe(1);
    expect(delta('switchyard_order_hold_codes_total', { code: 'SKU_UNMAPPED' })).toBe(1);
    // R-BIL-1: one fee of $0.30 per fulfilled order, one markup per shipment.
    expect(delta('switchyard_ledger_entries_total', { kind: 'order_fee', currency: 'USD' })).toBe(
      ORDERS,
    );
    expect(delta('switchyard_ledger_amount_minor', { kind: 'order_fee', currency: 'USD' })).toBe(
      30 * ORDERS,
    );
    expect(
      delta('switchyard_ledger_entries_total', { kind: 'logistics_markup', currency: 'USD' }),
    ).toBe(ORDERS);
    // Nothing failed on the way: no SLA breach, re-route, delivery failure or refused push-back.
    for (const name of [
      'switchyard_sla_breaches_total',
      'switchyard_reroutes_total',
      'switchyard_supplier_delivery_failures_total',
      'switchyard_pushback_refusals_total',
    ])
      expect(delta(name), name).toBe(0);
    expect(sampleValue(after, 'switchyard_webhook_inbox_lag_seconds')).toBe(0);

    // The marketplace's notifications were timed under the route's pattern, answered 2xx.
    const webhookRoutes = after.filter(
      (s) =>
        s.name === 'switchyard_http_request_duration_seconds_count' &&
        s.labels.route?.startsWith('/webhooks/tiktok'),
    );
    expect(webhookRoutes.map((s) => [s.labels.method, s.labels.status_class])).toContainEqual([
      'POST',
      '2xx',
    ]);
    expect(webhookRoutes.reduce((n, s) => n + s.value, 0)).toBeGreaterThanOrEqual(ORDERS + 1);
  });

  it('no tenant data in the exposition: no ids, names, phones or addresses, routes as patterns', async () => {
    // A request whose path carries an id is counted under its pattern, not its path.
    await fetch(`${p.apiUrl}/partner/v1/dispatches/d-4242424242/ack`, { method: 'POST' });
    await fetch(`${p.apiUrl}/no/such/route/4242424242`);
    const { text, samples } = await scrape(`${p.apiUrl}/metrics`, p.metricsToken);
    const t = p.tenants[0]!;
    const orders = await p.admin.selectFrom('orders').select(['id', 'platform_order_id']).execute();
    expect(orders.length).toBe(ORDERS + 1);
    const secrets = [t.tenantId, t.shopId, t.simShopId, t.apiToken, '4242424242'];
    for (const o of orders) {
      secrets.push(o.id, o.platform_order_id);
      const sim = p.tts.getOrder(o.platform_order_id)!;
      const addr = sim.recipientAddress as Record<string, string>;
      secrets.push(addr.name!, addr.phone_number!, addr.address_line1!);
    }
    for (const s of secrets) expect(text, s).not.toContain(s);
    const routes = new Set(samples.map((s) => s.labels.route).filter(Boolean));
    expect(routes).toContain('unmatched');
    expect([...routes].some((r) => r!.includes(':'))).toBe(true);
  });

  it('/readyz is 200 with its dependencies up, 503 naming the one that is down', async () => {
    const ok = await fetch(`${p.apiUrl}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ready: true, checks: { postgres: 'ok', temporal: 'ok' } });
    expect((await fetch(`${p.apiUrl}/healthz`)).status).toBe(200);

    // An api whose PostgreSQL is gone (nothing listens on port 9), then one whose Temporal is.
    const deadDb = createDb('postgres://switchyard_app:x@127.0.0.1:9/switchyard');
    const deadTemporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:9' }) });
    const cases = [
      { db: deadDb, temporal: p.temporal, down: 'postgres' },
      { db: p.db, temporal: deadTemporal, down: 'temporal' },
    ] as const;
    for (const c of cases) {
      const app = createApp({
        ...p.apiDeps,
        ops: apiOps({
          db: c.db,
          temporal: c.temporal,
          metricsCacheMs: 0,
          readinessTimeoutMs: 3000,
        }),
      });
      const server = serveApi(app.fetch, { port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((r) => server.once('listening', () => r()));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const res = await fetch(`${base}/readyz`);
        expect(res.status).toBe(503);
        const body = (await res.json()) as { ready: boolean; checks: Record<string, string> };
        expect(body.ready).toBe(false);
        expect(body.checks[c.down]).toMatch(/^(failed|timeout)$/);
        for (const [name, state] of Object.entries(body.checks))
          if (name !== c.down) expect(state, name).toBe('ok');
        // Liveness asks nothing: the process still answers.
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
        // Without a token configured there is no metrics endpoint at all.
        expect((await fetch(`${base}/metrics`)).status).toBe(404);
      } finally {
        await new Promise((r) => server.close(r));
      }
    }
    await deadDb.destroy();
    await deadTemporal.connection.close();
  });
});
