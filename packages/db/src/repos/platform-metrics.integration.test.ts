import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/database.ts';
import { withTenant } from '../client.ts';
import { seedOrder, seedShop } from '../testing/seed.ts';
import { insertDispatch } from './dispatches.ts';
import { appendOrderEvent } from './events.ts';
import { readPlatformFacts } from './platform-metrics.ts';
import { upsertSupplier } from './suppliers.ts';
import { createTenant } from './tenants.ts';

/** platform_metrics() counted from the tables, as the api's /metrics reads it. */
describe('platform facts', () => {
  let env: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    env = await freshDatabase();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('counts every dispatch after an order’s first as a re-route, and each hold by its codes', async () => {
    const supplierId = await upsertSupplier(env.db, {
      code: 'FACTS',
      name: 'Facts',
      endpointUrl: 'https://facts.example/dispatch',
      signingSecretEnc: 'x',
      partnerKeyHash: 'hash-facts',
      countries: ['US'],
      carriers: ['USPS'],
    });
    const tenantId = await createTenant(env.db, 'Facts');
    await withTenant(env.db, tenantId, async (trx) => {
      const shopId = await seedShop(trx, tenantId, 'shop-facts');
      const once = await seedOrder(trx, { tenantId, shopId, platformOrderId: 'o-once' });
      const twice = await seedOrder(trx, { tenantId, shopId, platformOrderId: 'o-twice' });
      // Attempts count from 0, as the workflow numbers its candidates (R-SLA-2 re-routing).
      const dispatches = [
        { id: 'd-once-0', orderId: once, attempt: 0 },
        { id: 'd-twice-0', orderId: twice, attempt: 0 },
        { id: 'd-twice-1', orderId: twice, attempt: 1 },
      ];
      for (const d of dispatches)
        await insertDispatch(trx, { ...d, tenantId, supplierId, workflowId: `wf-${d.orderId}` });
      // R-CHK-*: one hold for two codes, then one for one of them again.
      const held = (holds: string[], key: string) =>
        appendOrderEvent(trx, {
          tenantId,
          orderId: once,
          kind: 'held',
          dedupeKey: key,
          detail: { holds: holds.map((code) => ({ code })) },
        });
      await held(['SKU_UNMAPPED', 'ADDRESS_INCOMPLETE'], 'held:1');
      await held(['SKU_UNMAPPED'], 'held:2');
    });
    const facts = await readPlatformFacts(env.db);
    const value = (metric: string, labelA = '') =>
      facts.find((f) => f.metric === metric && f.labelA === labelA)?.value;
    expect(value('re_routes')).toBe(1);
    expect(value('hold_codes', 'SKU_UNMAPPED')).toBe(2);
    expect(value('hold_codes', 'ADDRESS_INCOMPLETE')).toBe(1);
    expect(value('order_events', 'held')).toBe(2);
  });
});
