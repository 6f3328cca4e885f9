import { randomUUID } from 'node:crypto';
import { issueOperatorToken } from '@switchyard/auth/credentials';
import { recordBillingFindings } from '@switchyard/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';

type Answer = {
  status: number;
  body: {
    result?: { data?: unknown };
    error?: { data?: { code?: string; appCode?: string | null; details?: unknown } };
  };
};

/**
 * The tenant's bill and the operators' billing tools over HTTP (R-BIL-1..3): what one order
 * costs, each line explained; another tenant sees none of it; bad input is a 4xx with a code.
 */
describe('billing over tRPC', () => {
  let p: Platform;
  let operator: string;
  let orderA: string;
  let orderB: string;

  async function call(
    token: string,
    path: string,
    input: unknown,
    kind: 'query' | 'mutation' = 'query',
  ): Promise<Answer> {
    const url = `${p.apiUrl}/trpc/${path}`;
    const res =
      kind === 'query'
        ? await fetch(
            input === undefined ? url : `${url}?input=${encodeURIComponent(JSON.stringify(input))}`,
            {
              headers: { authorization: `Bearer ${token}` },
            },
          )
        : await fetch(url, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: typeof input === 'string' ? input : JSON.stringify(input),
          });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }
  const data = <T>(a: Answer) => {
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    return a.body.result!.data as T;
  };
  const tenant = (i: number) => p.tenants[i]!;

  beforeAll(async () => {
    p = await startPlatform({ tenants: 2 });
    operator = await issueOperatorToken(p.db, 'billing');
    for (const i of [0, 1]) {
      const t = tenant(i);
      const o = p.tts.createOrder(t.simShopId);
      expect(await p.orderResult(t.tenantId, t.shopId, o.id)).toEqual({ status: 'completed' });
    }
    const id = async (tenantId: string) =>
      (
        await p.admin
          .selectFrom('orders')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow()
      ).id;
    orderA = await id(tenant(0).tenantId);
    orderB = await id(tenant(1).tenantId);
  });
  afterAll(async () => {
    await p?.close();
  });

  it('shows the month so far: one order, its fee and its markup, per currency', async () => {
    const r = data<{ month: string; currencies: unknown[] }>(
      await call(tenant(0).apiToken, 'billing.periodToDate', {}),
    );
    expect(r.month).toBe(new Date().toISOString().slice(0, 7));
    expect(r.currencies).toEqual([
      {
        currency: 'USD',
        orders: 1,
        fees: { minor: '30', text: '0.30 USD' },
        markup: { minor: '60', text: '0.60 USD' },
        credits: { minor: '0', text: '0.00 USD' },
        adjustments: { minor: '0', text: '0.00 USD' },
        total: { minor: '90', text: '0.90 USD' },
      },
    ]);
    const past = data<{ currencies: unknown[] }>(
      await call(tenant(0).apiToken, 'billing.periodToDate', { month: '2026-01' }),
    );
    expect(past.currencies).toEqual([]);
    const est = data<{
      currencies: Array<{ toDate: { minor: string }; projected: { minor: string } }>;
    }>(await call(tenant(0).apiToken, 'billing.estimate', undefined));
    expect(est.currencies[0]!.toDate.minor).toBe('90');
    expect(BigInt(est.currencies[0]!.projected.minor) >= 90n).toBe(true);
  });

  it('lists each line with what explains it, page by page, and by order', async () => {
    type Page = {
      items: Array<{
        kind: string;
        orderId: string;
        explanation: { text: string; rateBp: number | null; basis: { minor: string } };
      }>;
      nextCursor: string | null;
    };
    const first = data<Page>(await call(tenant(0).apiToken, 'billing.ledger', { limit: 1 }));
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = data<Page>(
      await call(tenant(0).apiToken, 'billing.ledger', { limit: 1, cursor: first.nextCursor }),
    );
    const lines = [...first.items, ...second.items];
    expect(lines.map((l) => l.kind)).toEqual(['order_fee', 'logistics_markup']);
    expect(lines[1]!.explanation).toMatchObject({ rateBp: 1000, basis: { minor: '600' } });
    expect(lines[1]!.explanation.text).toContain('10.00% of 6.00 USD');
    const byOrder = data<Page>(
      await call(tenant(0).apiToken, 'billing.ledger', { orderId: orderA }),
    );
    expect(byOrder.items.every((l) => l.orderId === orderA)).toBe(true);
    expect(byOrder.items).toHaveLength(2);
    const bad = await call(tenant(0).apiToken, 'billing.ledger', { cursor: 'not-a-cursor' });
    expect([bad.status, bad.body.error?.data?.appCode]).toEqual([400, 'CURSOR_INVALID']);
    for (const input of [
      { limit: 0 },
      { limit: 201 },
      { orderId: 'not-a-uuid' },
      { orderId: 'a\u0000' },
    ])
      expect((await call(tenant(0).apiToken, 'billing.ledger', input)).status).toBe(400);
    for (const month of ['2026-13', '2026-1', 'last month', ''])
      expect((await call(tenant(0).apiToken, 'billing.periodToDate', { month })).status).toBe(400);
  });

  it('never shows a tenant another tenant’s lines, nor admits its orders exist', async () => {
    const mine = data<{ items: Array<{ orderId: string }> }>(
      await call(tenant(1).apiToken, 'billing.ledger', {}),
    );
    expect(mine.items.map((l) => l.orderId)).toEqual([orderB, orderB]);
    const theirs = await call(tenant(1).apiToken, 'billing.ledger', { orderId: orderA });
    const unknown = await call(tenant(1).apiToken, 'billing.ledger', {
      orderId: '00000000-0000-4000-8000-000000000000',
    });
    expect([theirs.status, theirs.body.error?.data?.code]).toEqual([404, 'NOT_FOUND']);
    expect(unknown.body).toEqual(theirs.body);
  });

  it('shows the platform default plan, then one an operator schedules', async () => {
    const before = data<{ current: unknown; upcoming: unknown[] }>(
      await call(tenant(0).apiToken, 'billing.plan', undefined),
    );
    expect(before).toEqual({
      current: {
        id: null,
        effectiveFrom: null,
        currency: 'USD',
        orderFee: { minor: '30', text: '0.30 USD' },
        markupBp: 1000,
        slaCredit: { kind: 'none', value: '0' },
        chargeCancelled: false,
      },
      upcoming: [],
    });
    const from = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const set = await call(
      operator,
      'ops.billing.setPlan',
      {
        tenantId: tenant(0).tenantId,
        effectiveFrom: from,
        currency: 'EUR',
        orderFeeMinor: 25,
        markupBp: 800,
        slaCredit: { kind: 'percent', value: 5000 },
      },
      'mutation',
    );
    expect(data<{ orderFee: { text: string } }>(set).orderFee.text).toBe('0.25 EUR');
    const after = data<{
      current: { id: string | null };
      upcoming: Array<{ effectiveFrom: string }>;
    }>(await call(tenant(0).apiToken, 'billing.plan', undefined));
    expect(after.current.id).toBeNull();
    expect(after.upcoming.map((u) => u.effectiveFrom)).toEqual([from]);
    // The other tenant's plan is untouched.
    const other = data<{ upcoming: unknown[] }>(
      await call(tenant(1).apiToken, 'billing.plan', undefined),
    );
    expect(other.upcoming).toEqual([]);
  });

  it('refuses plans no contract holds, with a clear code', async () => {
    const plan = {
      tenantId: tenant(0).tenantId,
      currency: 'USD',
      orderFeeMinor: 30,
      markupBp: 1000,
    };
    const cases: Array<[Record<string, unknown>, number, string | null]> = [
      [{ markupBp: 10_001 }, 400, 'PLAN_INVALID'],
      [{ orderFeeMinor: 100_001 }, 400, 'PLAN_INVALID'],
      [{ currency: 'JPY', orderFeeMinor: 1001 }, 400, 'PLAN_INVALID'],
      [{ slaCredit: { kind: 'none', value: 5 } }, 400, 'PLAN_INVALID'],
      [{ orderFeeMinor: 1.5 }, 400, null],
      [{ orderFeeMinor: -1 }, 400, null],
      [{ currency: 'usd' }, 400, null],
      [{ currency: 'XYZ' }, 400, null],
      [{ effectiveFrom: '2020-01-01T00:00:00Z' }, 400, 'PLAN_RETROACTIVE'],
      [{ effectiveFrom: 'soon' }, 400, null],
      [{ tenantId: '00000000-0000-4000-8000-000000000000' }, 404, 'NOT_FOUND'],
      [{ tenantId: 'not-a-uuid' }, 400, null],
    ];
    for (const [change, status, appCode] of cases) {
      const r = await call(operator, 'ops.billing.setPlan', { ...plan, ...change }, 'mutation');
      expect([r.status, r.body.error?.data?.appCode ?? null], JSON.stringify(change)).toEqual([
        status,
        appCode,
      ]);
    }
  });

  it('takes an operator’s adjustment once per key, and shows it in the period', async () => {
    const adj = {
      tenantId: tenant(0).tenantId,
      orderId: orderA,
      amountMinor: -100,
      currency: 'USD',
      reason: 'parcel damaged in the warehouse',
      idempotencyKey: 'adj-1',
    };
    const first = data<{ entryId: string; replayed: boolean }>(
      await call(operator, 'ops.billing.adjust', adj, 'mutation'),
    );
    expect(first.replayed).toBe(false);
    const again = data<{ entryId: string; replayed: boolean }>(
      await call(operator, 'ops.billing.adjust', adj, 'mutation'),
    );
    expect(again).toEqual({ entryId: first.entryId, replayed: true });
    const reused = await call(
      operator,
      'ops.billing.adjust',
      { ...adj, amountMinor: -101 },
      'mutation',
    );
    expect([reused.status, reused.body.error?.data?.appCode]).toEqual([
      409,
      'IDEMPOTENCY_KEY_REUSED',
    ]);
    const period = data<{
      currencies: Array<{ adjustments: { minor: string }; total: { minor: string } }>;
    }>(await call(tenant(0).apiToken, 'billing.periodToDate', {}));
    expect(period.currencies[0]).toMatchObject({
      adjustments: { minor: '-100' },
      total: { minor: '-10' },
    });
    const line = data<{ items: Array<{ kind: string; reason: string | null }> }>(
      await call(tenant(0).apiToken, 'billing.ledger', { limit: 1 }),
    ).items[0];
    expect(line).toMatchObject({ kind: 'adjustment', reason: adj.reason });
  });

  it('refuses bad adjustments with a 4xx and writes nothing', async () => {
    const count = async () =>
      (await p.admin.selectFrom('ledger_entries').select('id').execute()).length;
    const before = await count();
    const adj = {
      tenantId: tenant(0).tenantId,
      amountMinor: 100,
      currency: 'USD',
      reason: 'r',
      idempotencyKey: 'bad-1',
    };
    const cases: Array<[Record<string, unknown>, number, string | null]> = [
      [{ orderId: orderB }, 404, 'NOT_FOUND'], // another tenant's order
      [{ orderId: '00000000-0000-4000-8000-000000000000' }, 404, 'NOT_FOUND'],
      [{ tenantId: '00000000-0000-4000-8000-000000000000' }, 404, 'NOT_FOUND'],
      [{ amountMinor: 1.5 }, 400, null],
      [{ amountMinor: 2 ** 60 }, 400, null],
      [{ amountMinor: 1e15 }, 400, 'ADJUSTMENT_INVALID'],
      [{ amountMinor: 0 }, 400, 'ADJUSTMENT_INVALID'],
      [{ amountMinor: '100' }, 400, null],
      [{ currency: 'US' }, 400, null],
      [{ currency: 'XXX' }, 400, null],
      [{ reason: '' }, 400, null],
      [{ reason: '   ' }, 400, null],
      [{ reason: 'x'.repeat(501) }, 400, null],
      [{ reason: 'a\u0000b' }, 400, 'INPUT_INVALID_TEXT'],
      [{ reason: 'a\ud800b' }, 400, 'INPUT_INVALID_TEXT'],
      [{ idempotencyKey: '' }, 400, null],
      [{ idempotencyKey: 'has space' }, 400, null],
      [{ idempotencyKey: 'k'.repeat(201) }, 400, null],
    ];
    for (const [change, status, appCode] of cases) {
      const r = await call(operator, 'ops.billing.adjust', { ...adj, ...change }, 'mutation');
      expect([r.status, r.body.error?.data?.appCode ?? null], JSON.stringify(change)).toEqual([
        status,
        appCode,
      ]);
    }
    // A body that is not JSON, and an empty one.
    for (const raw of ['{"tenantId":', ''])
      expect((await call(operator, 'ops.billing.adjust', raw, 'mutation')).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('shows operators the billing reconciliation’s findings, open ones by default', async () => {
    const t0 = new Date('2026-11-02T03:00:00Z');
    const orderId = randomUUID();
    const missing = {
      kind: 'order_fee_missing' as const,
      subject: `order:${orderId}`,
      tenantId: tenant(0).tenantId,
      detail: { orderId, expectedMinor: '30', currency: 'USD' },
    };
    await recordBillingFindings(
      p.db,
      [
        missing,
        { kind: 'stripe_unknown', subject: 'customer:cus_report', tenantId: null, detail: {} },
      ],
      t0,
    );
    // The next run no longer finds the unknown customer: resolved.
    await recordBillingFindings(p.db, [missing], new Date(t0.getTime() + 86_400_000));
    type Finding = { kind: string; subject: string; resolvedAt: string | null; detail: unknown };
    const open = data<Finding[]>(await call(operator, 'ops.billing.findings', {}));
    expect(open.map((f) => [f.kind, f.subject, f.resolvedAt])).toEqual([
      ['order_fee_missing', `order:${orderId}`, null],
    ]);
    expect(open[0]!.detail).toEqual(missing.detail);
    const all = data<Finding[]>(await call(operator, 'ops.billing.findings', { open: false }));
    expect(all.find((f) => f.subject === 'customer:cus_report')?.resolvedAt).toBe(
      '2026-11-03T03:00:00.000Z',
    );
    for (const bad of [{ limit: 0 }, { limit: 501 }, { open: 'yes' }, { extra: 1 }])
      expect((await call(operator, 'ops.billing.findings', bad)).status).toBe(400);
    expect((await call(tenant(0).apiToken, 'ops.billing.findings', {})).status).toBe(401);
  });

  it('keeps the operator tools and the tenant’s bill apart', async () => {
    const asTenant = await call(
      tenant(0).apiToken,
      'ops.billing.adjust',
      {
        tenantId: tenant(1).tenantId,
        amountMinor: -1,
        currency: 'USD',
        reason: 'x',
        idempotencyKey: 'k',
      },
      'mutation',
    );
    expect(asTenant.status).toBe(401);
    expect((await call(operator, 'billing.ledger', {})).status).toBe(401);
    expect((await call('sy_live_nope', 'billing.periodToDate', {})).status).toBe(401);
  });
});
