import { platformPlan } from '@switchyard/billing';
import { setTenantPlan } from '@switchyard/billing/operations';
import {
  createTenant,
  insertDispatch,
  upsertSupplier,
  upsertSupplierRates,
  withSupplier,
  withTenant,
} from '@switchyard/db';
import { seedOrder, seedShop } from '@switchyard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/harness/database.ts';
import { createOrderActivities } from './activities.ts';
import { orderBilling } from './billing.ts';
import type { OrderActivityDeps } from './deps.ts';

type Env = Awaited<ReturnType<typeof freshDatabase>>;
const HOUR = 3_600_000;

/**
 * The order's charges against real PostgreSQL (R-BIL-1..3, R-SLA-5): the plan in effect at the
 * fact, each line once however often the activity runs, nothing for what the plan leaves out.
 */
describe('order billing', () => {
  let env: Env;
  let supplierId: string;
  let n = 0;

  beforeAll(async () => {
    env = await freshDatabase();
    supplierId = await upsertSupplier(env.admin, {
      code: 'bill-sup',
      name: 'Bill Supplier',
      endpointUrl: 'http://x',
      signingSecretEnc: 's',
      partnerKeyHash: 'bill-sup',
      countries: ['US'],
      carriers: ['USPS'],
    });
    await withSupplier(env.db, supplierId, (trx) =>
      upsertSupplierRates(trx, supplierId, [
        { country: 'US', carrier: 'USPS', parcelCostMinor: 625 },
      ]),
    );
  });
  afterAll(async () => {
    await env?.close();
  });

  const billingAt = (now: Date) =>
    orderBilling({ deps: { fees: platformPlan() } as OrderActivityDeps, now: () => now });

  async function tenantWithOrder(opts: { receivedAgoMs?: number } = {}) {
    n += 1;
    const tenantId = await createTenant(env.db, `billing-${n}`);
    const orderId = await withTenant(env.db, tenantId, async (trx) =>
      seedOrder(trx, {
        tenantId,
        shopId: await seedShop(trx, tenantId, `bill-shop-${n}`),
        platformOrderId: `bill-${n}`,
      }),
    );
    await env.admin
      .updateTable('orders')
      .set({ carrier: 'USPS', created_at: new Date(Date.now() - (opts.receivedAgoMs ?? 0)) })
      .where('id', '=', orderId)
      .execute();
    return { tenantId, orderId };
  }

  const lines = (tenantId: string) =>
    env.admin
      .selectFrom('ledger_entries')
      .select(['kind', 'amount_minor', 'currency', 'plan_id', 'explanation', 'dispatch_id', 'sla'])
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute();

  it('charges a completed order its fee once, however many times the step runs (R-BIL-3)', async () => {
    const s = await tenantWithOrder();
    const b = billingAt(new Date());
    const charge = () =>
      withTenant(env.db, s.tenantId, (trx) => b.chargeOrderFee(trx, { ...s, cancelled: false }));
    await Promise.all([charge(), charge(), charge()]);
    await charge();
    expect(await lines(s.tenantId)).toEqual([
      expect.objectContaining({
        kind: 'order_fee',
        amount_minor: '30',
        currency: 'USD',
        plan_id: null,
        explanation: expect.objectContaining({ rule: 'R-BIL-1', planId: null, basisMinor: '30' }),
      }),
    ]);
    const charged = await env.admin
      .selectFrom('order_events')
      .select('kind')
      .where('order_id', '=', s.orderId)
      .where('kind', '=', 'charged')
      .execute();
    expect(charged).toHaveLength(1);
  });

  it('marks up the shipped dispatch’s logistics cost once per shipment, half-up (R-BIL-1)', async () => {
    const s = await tenantWithOrder();
    await withTenant(env.db, s.tenantId, (trx) =>
      insertDispatch(trx, { id: `d-bill-${n}`, ...s, supplierId, workflowId: 'wf', attempt: 0 }),
    );
    const b = billingAt(new Date());
    const ship = () =>
      withTenant(env.db, s.tenantId, (trx) =>
        b.chargeShipment(trx, { ...s, dispatchId: `d-bill-${n}`, supplierId }),
      );
    await Promise.all([ship(), ship()]);
    // 10% of $6.25 is 62.5 cents: 63.
    expect(await lines(s.tenantId)).toEqual([
      expect.objectContaining({
        kind: 'logistics_markup',
        amount_minor: '63',
        currency: 'USD',
        dispatch_id: `d-bill-${n}`,
        explanation: expect.objectContaining({ basisMinor: '625', rateBp: 1000 }),
      }),
    ]);
  });

  it('reads the plan once for the markup and the fee charged in one transaction', async () => {
    const s = await tenantWithOrder();
    await withTenant(env.db, s.tenantId, (trx) =>
      insertDispatch(trx, { id: `d-bill-${n}`, ...s, supplierId, workflowId: 'wf', attempt: 0 }),
    );
    const b = billingAt(new Date());
    // Every query the transactions send, seen as Kysely builds it.
    const sent: string[] = [];
    const db = env.db.withPlugin({
      transformQuery: ({ node }) => {
        sent.push(JSON.stringify(node, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    await withTenant(db, s.tenantId, async (trx) => {
      await b.chargeShipment(trx, { ...s, dispatchId: `d-bill-${n}`, supplierId });
      await b.chargeOrderFee(trx, { ...s, cancelled: false });
    });
    const planReads = () => sent.filter((q) => q.includes('"fee_plans"')).length;
    const once = planReads();
    expect(once).toBeGreaterThan(0);
    // A transaction of its own reads the plan again.
    await withTenant(db, s.tenantId, (trx) => b.chargeOrderFee(trx, { ...s, cancelled: false }));
    expect(planReads()).toBe(2 * once);
    expect((await lines(s.tenantId)).map((l) => l.kind)).toEqual(['logistics_markup', 'order_fee']);
  });

  it('charges with the plan in effect at the fact, the platform default before it', async () => {
    const s = await tenantWithOrder();
    const now = new Date();
    const plan = await setTenantPlan(env.db, {
      tenantId: s.tenantId,
      effectiveFrom: new Date(now.getTime() + HOUR),
      terms: { ...platformPlan(), currency: 'JPY', orderFeeMinor: 50n },
      operatorId: 'op',
      now,
    });
    // Before the plan starts: the default; an hour later: the tenant's ¥50.
    await withTenant(env.db, s.tenantId, (trx) =>
      billingAt(now).chargeOrderFee(trx, { ...s, cancelled: false }),
    );
    const later = await withTenant(env.db, s.tenantId, async (trx) =>
      seedOrder(trx, {
        tenantId: s.tenantId,
        shopId: (await trx.selectFrom('shops').select('id').executeTakeFirstOrThrow()).id,
        platformOrderId: `bill-later-${n}`,
      }),
    );
    await withTenant(env.db, s.tenantId, (trx) =>
      billingAt(new Date(now.getTime() + 2 * HOUR)).chargeOrderFee(trx, {
        tenantId: s.tenantId,
        orderId: later,
        cancelled: false,
      }),
    );
    expect((await lines(s.tenantId)).map((l) => [l.amount_minor, l.currency, l.plan_id])).toEqual([
      ['30', 'USD', null],
      ['50', 'JPY', plan.id],
    ]);
  });

  it('leaves a cancelled order uncharged unless its plan charges cancellations', async () => {
    const s = await tenantWithOrder();
    const now = new Date();
    const cancel = () =>
      withTenant(env.db, s.tenantId, (trx) =>
        billingAt(new Date(now.getTime() + 1000)).chargeOrderFee(trx, { ...s, cancelled: true }),
      );
    await cancel();
    expect(await lines(s.tenantId)).toEqual([]);
    await setTenantPlan(env.db, {
      tenantId: s.tenantId,
      terms: { ...platformPlan(), chargeCancelled: true },
      operatorId: 'op',
      now,
    });
    await cancel();
    await cancel();
    expect((await lines(s.tenantId)).map((l) => [l.kind, l.amount_minor])).toEqual([
      ['order_fee', '30'],
    ]);
  });

  it('credits an order whose response broke the 4.5 h promise, once, per its plan (R-SLA-5)', async () => {
    const s = await tenantWithOrder({ receivedAgoMs: 6 * HOUR });
    const now = new Date();
    const credit = () =>
      withTenant(env.db, s.tenantId, (trx) =>
        billingAt(new Date(now.getTime() + 1000)).creditBreachedPromises(trx, s),
      );
    await credit(); // the platform default gives no credit
    expect(await lines(s.tenantId)).toEqual([]);
    await setTenantPlan(env.db, {
      tenantId: s.tenantId,
      terms: { ...platformPlan(), slaCreditKind: 'percent', slaCreditValue: 5000n },
      operatorId: 'op',
      now,
    });
    await Promise.all([credit(), credit()]);
    const [line, ...rest] = await lines(s.tenantId);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      kind: 'sla_credit',
      amount_minor: '-15',
      sla: 'R-SLA-5',
      explanation: { rule: 'R-SLA-5', basisMinor: '30', rateBp: 5000 },
    });
    expect(
      (line!.explanation as { facts: { responseMinutes: number } }).facts.responseMinutes,
    ).toBeGreaterThanOrEqual(360);
  });

  it('gives an order answered within the promise no credit', async () => {
    const s = await tenantWithOrder({ receivedAgoMs: HOUR });
    const now = new Date();
    await setTenantPlan(env.db, {
      tenantId: s.tenantId,
      terms: { ...platformPlan(), slaCreditKind: 'amount', slaCreditValue: 100n },
      operatorId: 'op',
      now,
    });
    await withTenant(env.db, s.tenantId, (trx) =>
      billingAt(new Date(now.getTime() + 1000)).creditBreachedPromises(trx, s),
    );
    expect(await lines(s.tenantId)).toEqual([]);
  });

  it('charges a cancellation the workflow records only under a plan that says so, once', async () => {
    const s = await tenantWithOrder();
    const now = new Date();
    await setTenantPlan(env.db, {
      tenantId: s.tenantId,
      terms: { ...platformPlan(), chargeCancelled: true, orderFeeMinor: 20n },
      operatorId: 'op',
      now,
    });
    // Only the database and the fees are used by this step.
    const acts = createOrderActivities({
      db: env.db,
      fees: platformPlan(),
      now: () => new Date(now.getTime() + 1000),
    } as unknown as OrderActivityDeps);
    const cancel = () =>
      acts.recordProgress({
        ...s,
        kind: 'cancelled',
        dedupeKey: 'cancelled:-:1',
        detail: {},
        status: 'cancelled',
      });
    await cancel();
    await cancel(); // an activity retry
    expect((await lines(s.tenantId)).map((l) => [l.kind, l.amount_minor])).toEqual([
      ['order_fee', '20'],
    ]);
  });
});
