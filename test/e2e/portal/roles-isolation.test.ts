import { randomUUID } from 'node:crypto';
import { issueSignInLink } from '@switchyard/auth/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import { openDispatch } from '../bad-input/helpers.ts';
import { call, operatorSession, type Session, sessionOf, signIn } from './roles.ts';

// Issue 12, items 3, 4 and 6: the portal's three roles over real HTTP, PostgreSQL and Temporal.
// A session is of one kind only; each role's procedures refuse the others; a supplier sees its
// own dispatches only (row-level security by supplier); hostile input gets a stable code.

type Kind = 'query' | 'mutation';
const PROCEDURES: Record<'tenant' | 'supplier' | 'operator', Array<[Kind, string, unknown]>> = {
  tenant: [
    ['query', 'orders.list', {}],
    ['query', 'billing.periodToDate', undefined],
    ['mutation', 'suppliers.setPreference', { supplierId: randomUUID(), preference: 'none' }],
  ],
  supplier: [
    ['query', 'supplier.dispatches.list', {}],
    ['query', 'supplier.files.batches', undefined],
    [
      'mutation',
      'supplier.dispatches.acknowledge',
      { dispatchId: 'd_x', expectedShipAt: new Date().toISOString() },
    ],
    [
      'mutation',
      'supplier.dispatches.ship',
      { dispatchId: 'd_x', trackingNumber: '1Z', carrier: 'UPS' },
    ],
    ['mutation', 'supplier.catalog.uploadStock', { content: 'sku_code,stock\nA,1' }],
  ],
  operator: [
    ['query', 'ops.tenants.list', undefined],
    ['query', 'ops.sla.board', undefined],
    ['query', 'ops.suppliers.scorecards', undefined],
    ['query', 'ops.billing.closes', undefined],
    ['query', 'ops.alerts.list', {}],
    [
      'mutation',
      'ops.billing.adjust',
      {
        tenantId: randomUUID(),
        amountMinor: 100,
        currency: 'USD',
        reason: 'x',
        idempotencyKey: 'k',
      },
    ],
  ],
};

describe('portal roles: sessions of one kind, each kept to its own procedures', {
  timeout: 180_000,
}, () => {
  let p: Platform;
  const s = {} as Record<'tenant' | 'supplierA' | 'supplierB' | 'operator', Session>;
  let dispatchA = '';

  beforeAll(async () => {
    p = await startPlatform({ supplierBehaviour: { mode: 'silent' } });
    const b = await p.registerIdleSupplier('factory-b');
    const tenantLink = await issueSignInLink(p.db, {
      kind: 'tenant',
      tenantId: p.tenants[0]!.tenantId,
    });
    s.tenant = await sessionOf(p, 'link', tenantLink);
    s.supplierA = await sessionOf(p, 'partner-key', p.partnerKey);
    s.supplierB = await sessionOf(p, 'partner-key', b.partnerKey);
    s.operator = await operatorSession(p);
    dispatchA = (await openDispatch(p)).dispatchId;
  });
  afterAll(async () => {
    await p?.close();
  });

  it('each sign-in makes a session of its kind, and session.current says which', () => {
    expect(s.tenant.actor).toBe('tenant');
    expect(s.supplierA.actor).toBe('supplier');
    expect(s.supplierB.actor).toBe('supplier');
    expect(s.operator.actor).toBe('operator');
  });

  it('a sign-in link works once, never after it expired, and is stored only as a hash', async () => {
    const link = await issueSignInLink(p.db, { kind: 'supplier', supplierId: p.supplierId });
    const first = await signIn(p, 'link', link);
    expect(first.res.status).toBe(200);
    expect(await first.res.json()).toEqual({ kind: 'supplier' });
    const again = await signIn(p, 'link', link);
    expect([again.res.status, again.cookie]).toEqual([401, undefined]);
    expect(((await again.res.json()) as { error: { code: string } }).error.code).toBe(
      'SIGN_IN_INVALID',
    );
    const expired = await issueSignInLink(p.db, { kind: 'supplier', supplierId: p.supplierId }, -1);
    expect((await signIn(p, 'link', expired)).res.status).toBe(401);
    const stored = await p.admin.selectFrom('sign_in_links').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(link);
    // A partner key of another kind, an API token as a partner key: nobody.
    expect((await signIn(p, 'partner-key', p.tenants[0]!.apiToken)).res.status).toBe(401);
    expect((await signIn(p, 'operator-token', p.partnerKey)).res.status).toBe(401);
  });

  it("every role calling every other role's procedures is refused, and nobody's either", async () => {
    const roles = { tenant: s.tenant, supplier: s.supplierA, operator: s.operator } as const;
    for (const [role, session] of Object.entries(roles))
      for (const [owner, procs] of Object.entries(PROCEDURES)) {
        if (owner === role) continue;
        for (const [kind, path, input] of procs) {
          const r = await call(p, session, kind, path, input);
          expect({ role, path, status: r.status, code: r.code }).toEqual({
            role,
            path,
            status: 401,
            code: 'UNAUTHORIZED',
          });
        }
      }
    for (const procs of Object.values(PROCEDURES))
      for (const [kind, path, input] of procs)
        expect((await call(p, undefined, kind, path, input)).status, path).toBe(401);
    // And each role reaches its own.
    expect((await call(p, s.tenant, 'query', 'orders.list', {})).status).toBe(200);
    expect((await call(p, s.supplierA, 'query', 'supplier.dispatches.list', {})).status).toBe(200);
    expect((await call(p, s.operator, 'query', 'ops.sla.board')).status).toBe(200);
  });

  it("supplier B with supplier A's dispatch id finds nothing, exactly as for an unknown id", async () => {
    const attempts = (id: string): Array<[Kind, string, unknown]> => [
      ['query', 'supplier.dispatches.label', { dispatchId: id }],
      [
        'mutation',
        'supplier.dispatches.acknowledge',
        { dispatchId: id, expectedShipAt: new Date().toISOString() },
      ],
      ['mutation', 'supplier.dispatches.reject', { dispatchId: id, reason: 'not mine' }],
      [
        'mutation',
        'supplier.dispatches.ship',
        { dispatchId: id, trackingNumber: '9400111899223856928499', carrier: 'USPS' },
      ],
    ];
    const strip = (r: Awaited<ReturnType<typeof call>>) => ({
      status: r.status,
      appCode: r.appCode,
      message: r.message,
    });
    for (const [[kind, path, input], [, , ghostInput]] of attempts(dispatchA).map(
      (a, i) => [a, attempts('d_0000000000000000')[i]!] as const,
    )) {
      const foreign = strip(await call(p, s.supplierB, kind, path, input));
      expect(foreign, path).toEqual({
        status: 404,
        appCode: 'DISPATCH_NOT_FOUND',
        message: 'dispatch not found',
      });
      expect(strip(await call(p, s.supplierB, kind, path, ghostInput))).toEqual(foreign);
    }
    const listed = await call(p, s.supplierB, 'query', 'supplier.dispatches.list', {});
    expect((listed.data as { items: unknown[] }).items).toEqual([]);
    const mine = await call(p, s.supplierA, 'query', 'supplier.dispatches.list', {});
    expect((mine.data as { items: Array<{ id: string }> }).items.map((d) => d.id)).toContain(
      dispatchA,
    );
    const batch = await call(p, s.supplierB, 'query', 'supplier.files.downloadBatch', {
      batchId: randomUUID(),
    });
    expect([batch.status, batch.appCode]).toEqual([404, 'NOT_FOUND']);
    // Nothing of A's dispatch changed.
    const row = await p.admin
      .selectFrom('dispatches')
      .select('status')
      .where('id', '=', dispatchA)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });

  it('hostile input gets a stable code and never a 5xx, and changes nothing', async () => {
    const lone = '\uD800';
    const cases: Array<[Session, Kind, string, unknown, number, string | null]> = [
      [
        s.supplierA,
        'mutation',
        'supplier.dispatches.reject',
        { dispatchId: dispatchA, reason: `no\u0000way` },
        400,
        'INPUT_INVALID_TEXT',
      ],
      [
        s.supplierA,
        'mutation',
        'supplier.dispatches.reject',
        { dispatchId: dispatchA, reason: `x${lone}` },
        400,
        'INPUT_INVALID_TEXT',
      ],
      [
        s.supplierA,
        'mutation',
        'supplier.dispatches.ship',
        { dispatchId: `d_\u0000`, trackingNumber: '1', carrier: 'UPS' },
        400,
        'INPUT_INVALID_TEXT',
      ],
      [
        s.supplierA,
        'mutation',
        'supplier.dispatches.reject',
        { dispatchId: 'x'.repeat(150), reason: 'r' },
        404,
        'DISPATCH_NOT_FOUND',
      ],
      [
        s.supplierA,
        'mutation',
        'supplier.dispatches.reject',
        { dispatchId: dispatchA, reason: 'r'.repeat(5000) },
        400,
        null,
      ],
      [
        s.supplierA,
        'mutation',
        'supplier.dispatches.acknowledge',
        { dispatchId: dispatchA, expectedShipAt: 'tomorrow' },
        400,
        null,
      ],
      [
        s.supplierA,
        'mutation',
        'supplier.catalog.uploadStock',
        { content: 'no,columns\n1,2' },
        422,
        'CSV_COLUMNS_MISSING',
      ],
      [
        s.supplierA,
        'mutation',
        'supplier.catalog.uploadStock',
        { content: '"unclosed\n' },
        422,
        'CSV_MALFORMED',
      ],
      [
        s.supplierA,
        'mutation',
        'supplier.files.uploadAnswers',
        { fileName: `a${lone}.csv`, content: 'x' },
        400,
        'INPUT_INVALID_TEXT',
      ],
      [s.supplierA, 'query', 'supplier.files.downloadBatch', { batchId: 'not-a-uuid' }, 400, null],
      [
        s.operator,
        'mutation',
        'ops.billing.close',
        { tenantId: randomUUID(), period: '2020-01' },
        404,
        'NOT_FOUND',
      ],
      [
        s.operator,
        'mutation',
        'ops.billing.close',
        { tenantId: p.tenants[0]!.tenantId, period: '2999-01' },
        400,
        'BAD_REQUEST',
      ],
      [
        s.operator,
        'mutation',
        'ops.billing.close',
        { tenantId: p.tenants[0]!.tenantId, period: `2020-0${lone}` },
        400,
        'INPUT_INVALID_TEXT',
      ],
    ];
    for (const [session, kind, path, input, status, appCode] of cases) {
      const r = await call(p, session, kind, path, input);
      expect({ path, status: r.status, appCode: r.appCode }).toEqual({
        path,
        status,
        appCode: appCode ?? r.appCode,
      });
      expect(r.status).toBeLessThan(500);
    }
    // A body far past the tRPC limit is refused at the edge.
    const huge = await call(p, s.supplierA, 'mutation', 'supplier.dispatches.reject', {
      dispatchId: dispatchA,
      reason: 'x'.repeat(1024 * 1024),
    });
    expect(huge.status).toBe(413);
    // Sign-in routes: NUL, lone surrogates, huge secrets, not JSON.
    for (const secret of ['\u0000', lone, 'x'.repeat(100_000)]) {
      const { res } = await signIn(p, 'link', secret);
      expect(res.status, JSON.stringify(secret.slice(0, 8))).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const form = await fetch(`${p.apiUrl}/auth/partner-key`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `secret=${p.partnerKey}`,
    });
    expect([form.status, form.headers.get('set-cookie')]).toEqual([400, null]);
    const row = await p.admin
      .selectFrom('dispatches')
      .select('status')
      .where('id', '=', dispatchA)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });

  it('a supplier acknowledges, and is told why a bad tracking number or carrier is refused', async () => {
    const ack = await call(p, s.supplierA, 'mutation', 'supplier.dispatches.acknowledge', {
      dispatchId: dispatchA,
      expectedShipAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(ack).toMatchObject({ status: 200, data: { status: 'acknowledged', repeat: false } });
    const bad = await call(p, s.supplierA, 'mutation', 'supplier.dispatches.ship', {
      dispatchId: dispatchA,
      trackingNumber: '12345',
      carrier: 'USPS',
    });
    expect([bad.status, bad.appCode]).toEqual([422, 'TRACKING_INVALID']);
    const unknown = await call(p, s.supplierA, 'mutation', 'supplier.dispatches.ship', {
      dispatchId: dispatchA,
      trackingNumber: '9400111899223856928499',
      carrier: 'Pigeon Post',
    });
    expect([unknown.status, unknown.appCode]).toEqual([422, 'CARRIER_UNKNOWN']);
  });

  it('signs out any kind of session: the cookie names no one afterwards', async () => {
    for (const session of [s.supplierB, s.operator]) {
      const out = await call(p, session, 'mutation', 'session.signOut');
      expect(out).toMatchObject({ status: 200, data: { signedOut: true } });
      const after = await call(p, session, 'query', 'session.current');
      expect(after.data).toEqual({ signedIn: false, actor: null, csrfToken: null });
    }
  });
});
