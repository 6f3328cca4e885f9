import { issueOperatorToken } from '@switchyard/auth/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';

/**
 * R-SLA-2, R-SLA-4 as data: an operator sets the clocks a supplier's contract holds it to, over
 * tRPC; the next order's dispatch carries its acknowledgement deadline. Only an operator may,
 * within bounds; a key left out goes back to the platform's default.
 */
describe('a supplier’s SLA policy, set by an operator', () => {
  let p: Platform;
  let operatorToken: string;
  beforeAll(async () => {
    p = await startPlatform();
    operatorToken = await issueOperatorToken(p.db, 'contracts');
  });
  afterAll(async () => {
    await p?.close();
  });

  const setSla = async (token: string, input: Record<string, unknown>) => {
    const res = await fetch(`${p.apiUrl}/trpc/ops.suppliers.setSla`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        result?: { data?: unknown };
        error?: { data?: { code?: string } };
      },
    };
  };
  const clocks = {
    ackWindowMinutes: 90,
    reminderAfterDueMinutes: null,
    escalateAfterReminderMinutes: 120,
  };

  /** The acknowledgement deadline the supplier is given with a new order, from its dispatch. */
  async function ackDueMinutes() {
    const t = p.tenants[0]!;
    const before = p.supplier.received().length;
    const order = p.tts.createOrder(t.simShopId);
    const started = Date.now();
    await p.orderResult(t.tenantId, t.shopId, order.id);
    const got = p.supplier.received().slice(before);
    expect(got).toHaveLength(1);
    // The dispatch keeps the deadline it named, for the pull listing and batch files.
    const row = await p.admin
      .selectFrom('dispatches')
      .select('ack_due_at')
      .where('id', '=', got[0]!.dispatchId)
      .executeTakeFirstOrThrow();
    expect(row.ack_due_at?.toISOString()).toBe(new Date(got[0]!.ackDueAt!).toISOString());
    return Math.round((Date.parse(got[0]!.ackDueAt!) - started) / 60_000);
  }

  it('holds the supplier to its contract’s acknowledgement window from the next dispatch on', async () => {
    expect(await ackDueMinutes()).toBe(30); // the platform's default (R-SLA-2)
    const set = await setSla(operatorToken, { supplierId: p.supplierId, ...clocks });
    expect(set.status).toBe(200);
    expect(set.body.result?.data).toEqual(clocks);
    const stored = await p.admin
      .selectFrom('suppliers')
      .select('sla_policy')
      .where('id', '=', p.supplierId)
      .executeTakeFirstOrThrow();
    expect(stored.sla_policy).toEqual({
      ackWindowMs: 90 * 60_000,
      escalateAfterReminderMs: 120 * 60_000,
    });
    expect(await ackDueMinutes()).toBe(90);
    // All keys null: back to the defaults.
    const cleared = await setSla(operatorToken, {
      supplierId: p.supplierId,
      ackWindowMinutes: null,
      reminderAfterDueMinutes: null,
      escalateAfterReminderMinutes: null,
    });
    expect(cleared.status).toBe(200);
    expect(await ackDueMinutes()).toBe(30);
  });

  it('is an operator’s to set, within bounds, for a supplier that exists', async () => {
    const t = p.tenants[0]!;
    const asTenant = await setSla(t.apiToken, { supplierId: p.supplierId, ...clocks });
    expect(asTenant.status).toBe(401);
    for (const bad of [
      { ...clocks, ackWindowMinutes: 0 },
      { ...clocks, ackWindowMinutes: 24 * 60 + 1 },
      { ...clocks, escalateAfterReminderMinutes: 1.5 },
      { ...clocks, reminderAfterDueMinutes: -1 },
      { ackWindowMinutes: 60 },
    ]) {
      const res = await setSla(operatorToken, { supplierId: p.supplierId, ...bad });
      expect(res.status).toBe(400);
    }
    const badId = await setSla(operatorToken, { supplierId: 'not-a-uuid\u0000', ...clocks });
    expect(badId.status).toBe(400);
    const unknown = await setSla(operatorToken, {
      supplierId: '00000000-0000-4000-8000-000000000000',
      ...clocks,
    });
    expect(unknown.status).toBe(404);
    const stored = await p.admin
      .selectFrom('suppliers')
      .select('sla_policy')
      .where('id', '=', p.supplierId)
      .executeTakeFirstOrThrow();
    expect(stored.sla_policy).toEqual({});
  });
});
