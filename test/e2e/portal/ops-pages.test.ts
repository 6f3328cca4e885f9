import { issueSignInLink } from '@switchyard/auth/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import { call, operatorSession, type Session, sessionOf } from './roles.ts';

// The operator's tenant and supplier scorecard lists by keyset pages (issue 12) over real HTTP and PostgreSQL: every
// tenant exactly once across pages, forged cursors refused, other roles refused.

type TenantPage = { items: Array<{ id: string; name: string }>; nextCursor: string | null };

describe('operator lists in keyset pages', { timeout: 180_000 }, () => {
  let p: Platform;
  let operator: Session;
  let tenant: Session;

  beforeAll(async () => {
    p = await startPlatform({ tenants: 3 });
    await p.registerIdleSupplier('factory-m');
    await p.registerIdleSupplier('factory-z');
    operator = await operatorSession(p);
    const link = await issueSignInLink(p.db, { kind: 'tenant', tenantId: p.tenants[0]!.tenantId });
    tenant = await sessionOf(p, 'link', link);
  });
  afterAll(async () => {
    await p?.close();
  });

  it('hands out every tenant once, oldest first, page after page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await call(p, operator, 'query', 'ops.tenants.list', { limit: 2, cursor });
      expect(r.status, JSON.stringify(r)).toBe(200);
      const page = r.data as TenantPage;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    const all = await p.admin
      .selectFrom('tenants')
      .select('id')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(seen).toEqual(all.map((t) => t.id));
    expect(pages).toBe(Math.ceil(all.length / 2));
    // No input at all: the first page, as callers from before paging expect.
    const first = await call(p, operator, 'query', 'ops.tenants.list');
    expect((first.data as TenantPage).items[0]!.id).toBe(all[0]!.id);
  });

  it('refuses a forged cursor, an oversized page and every other role', async () => {
    const forged = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
    const bad = await call(p, operator, 'query', 'ops.tenants.list', { cursor: forged });
    expect([bad.status, bad.appCode]).toEqual([400, 'CURSOR_INVALID']);
    const huge = await call(p, operator, 'query', 'ops.tenants.list', { limit: 100_000 });
    expect(huge.status).toBe(400);
    const seller = await call(p, tenant, 'query', 'ops.tenants.list', { limit: 2 });
    expect([seller.status, seller.code]).toEqual([401, 'UNAUTHORIZED']);
    const anonymous = await call(p, undefined, 'query', 'ops.tenants.list', { limit: 2 });
    expect(anonymous.status).toBe(401);
  });

  it('hands out every supplier scorecard once, in code order, page after page', async () => {
    const codes: string[] = [];
    let cursor: string | undefined;
    do {
      const r = await call(p, operator, 'query', 'ops.suppliers.scorecards', { limit: 1, cursor });
      expect(r.status, JSON.stringify(r)).toBe(200);
      const page = r.data as {
        windowDays: number;
        items: Array<{ code: string }>;
        nextCursor: string | null;
      };
      expect(page.items.length).toBeLessThanOrEqual(1);
      codes.push(...page.items.map((s) => s.code));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all = await p.admin.selectFrom('suppliers').select('code').orderBy('code').execute();
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(codes).toEqual(all.map((s) => s.code));
    const forged = Buffer.from(JSON.stringify([1])).toString('base64url');
    const bad = await call(p, operator, 'query', 'ops.suppliers.scorecards', { cursor: forged });
    expect([bad.status, bad.appCode]).toEqual([400, 'CURSOR_INVALID']);
  });
});
