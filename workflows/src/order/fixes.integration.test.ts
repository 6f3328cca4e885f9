import { randomUUID } from 'node:crypto';
import { decrypt, generateKeySpec, parseKeyring } from '@switchyard/auth';
import { createTenant, withTenant } from '@switchyard/db';
import { seedOrder, seedShop } from '@switchyard/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDbAndTemporal } from '../../../test/harness/db-and-temporal.ts';
import { correctOrderAddress, OrderFixError, recheckOrder, saveSkuMapping } from './fixes.ts';

/**
 * The tenant's fixes against real PostgreSQL (RLS) and a real Temporal server: a refusal
 * writes and signals nothing; a fix is committed and the order's workflow told to re-check.
 * The workflows run on a task queue no worker polls, so they only collect the signals.
 */
describe('order fixes', () => {
  const t = useDbAndTemporal('fixes');
  const { taskQueue, started } = t;
  let deps: Parameters<typeof correctOrderAddress>[0];
  let tenant: string;
  let other: string;
  let shop: string;

  const recipient = {
    name: 'Ada Lovelace',
    phone: '+12025550100',
    addressLines: ['350 Fifth Avenue'],
    city: 'New York',
    region: 'NY',
    postalCode: '10118',
    country: 'US',
  };

  /** An order of the tenant; `held` stores a hold as the checks do; `running` starts its workflow. */
  async function order(opts: { held: boolean; running: boolean }) {
    const platformOrderId = `o-${randomUUID()}`;
    const id = await withTenant(t.env.db, tenant, (trx) =>
      seedOrder(trx, { tenantId: tenant, shopId: shop, platformOrderId }),
    );
    if (opts.held)
      await t.env.admin
        .updateTable('orders')
        .set({
          status: 'on_hold',
          holds: JSON.stringify([{ code: 'PO_BOX', rule: 'R-CHK-2', message: 'a PO Box' }]),
        })
        .where('id', '=', id)
        .execute();
    const workflowId = `wf-${platformOrderId}`;
    if (opts.running) {
      await t.temporal.workflow.start('orderFulfillment', { taskQueue, workflowId, args: [] });
      started.push(workflowId);
    }
    return { id, workflowId };
  }

  async function rechecksOf(workflowId: string) {
    const history = await t.temporal.workflow.getHandle(workflowId).fetchHistory();
    return (history.events ?? []).filter(
      (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'recheck',
    ).length;
  }

  const stored = (id: string) =>
    t.env.admin
      .selectFrom('orders')
      .select(['recipient_override_enc'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const events = (id: string) =>
    t.env.admin
      .selectFrom('order_events')
      .select(['kind', 'detail'])
      .where('order_id', '=', id)
      .execute();

  async function refusal(call: Promise<unknown>) {
    const err = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OrderFixError);
    const e = err as OrderFixError;
    return { code: e.code, message: e.message };
  }

  beforeAll(async () => {
    deps = { db: t.env.db, keyring: parseKeyring(generateKeySpec('k1')), temporal: t.temporal };
    tenant = await createTenant(t.env.db, 'A');
    other = await createTenant(t.env.db, 'B');
    shop = await withTenant(t.env.db, tenant, (trx) => seedShop(trx, tenant, `s-${randomUUID()}`));
  });

  it("refuses an unknown order, and another tenant's, as not found", async () => {
    const { id, workflowId } = await order({ held: true, running: true });
    for (const [tenantId, orderId] of [
      [tenant, randomUUID()],
      [other, id],
    ] as const) {
      const notFound = { code: 'ORDER_NOT_FOUND', message: 'order not found' };
      expect(await refusal(correctOrderAddress(deps, tenantId, { orderId, recipient }))).toEqual(
        notFound,
      );
      expect(await refusal(recheckOrder(deps, tenantId, orderId))).toEqual(notFound);
    }
    expect(await stored(id)).toEqual({ recipient_override_enc: null });
    expect(await events(id)).toEqual([]);
    expect(await rechecksOf(workflowId)).toBe(0);
  });

  it('refuses an order the checks do not hold, saying its status', async () => {
    const { id, workflowId } = await order({ held: false, running: true });
    expect(await refusal(correctOrderAddress(deps, tenant, { orderId: id, recipient }))).toEqual({
      code: 'ORDER_NOT_HELD',
      message:
        "order is received and not held by a check; only a held order's address can be corrected",
    });
    expect(await refusal(recheckOrder(deps, tenant, id))).toEqual({
      code: 'ORDER_NOT_HELD',
      message: 'order is received and not held by a check',
    });
    expect(await stored(id)).toEqual({ recipient_override_enc: null });
    expect(await events(id)).toEqual([]);
    expect(await rechecksOf(workflowId)).toBe(0);
  });

  it('stores the corrected address encrypted, notes it without its values, then signals', async () => {
    const { id, workflowId } = await order({ held: true, running: true });
    const extra = { ...recipient, note: 'not part of an address' };
    await correctOrderAddress(deps, tenant, { orderId: id, recipient: extra });
    const { recipient_override_enc: enc } = await stored(id);
    expect(enc).not.toContain('Fifth');
    expect(JSON.parse(decrypt(deps.keyring, enc!))).toEqual(recipient);
    expect(await events(id)).toEqual([{ kind: 'address_corrected', detail: { by: 'tenant' } }]);
    expect(await rechecksOf(workflowId)).toBe(1);

    await recheckOrder(deps, tenant, id);
    expect(await rechecksOf(workflowId)).toBe(2);
  });

  it('a held order whose workflow is gone has nothing to re-check', async () => {
    const { id } = await order({ held: true, running: false });
    await expect(recheckOrder(deps, tenant, id)).resolves.toBeUndefined();
  });

  it("a saved mapping re-checks the tenant's held orders that still run, and no one else's", async () => {
    const held = await order({ held: true, running: true });
    const free = await order({ held: false, running: true });
    const before = await rechecksOf(held.workflowId);
    // Held orders of earlier cases count too: every held one that runs is told.
    const running = (
      await t.env.admin
        .selectFrom('orders')
        .select('workflow_id')
        .where('status', '=', 'on_hold')
        .execute()
    ).filter((o) => started.includes(o.workflow_id)).length;

    const saved = await saveSkuMapping(deps, tenant, {
      marketplaceSkuId: 'SKU-1',
      supplierItemCode: 'SUP-1',
    });
    expect(saved).toEqual({ id: expect.any(String), rechecked: running });
    expect(await rechecksOf(held.workflowId)).toBe(before + 1);
    expect(await rechecksOf(free.workflowId)).toBe(0);

    const theirs = await saveSkuMapping(deps, other, {
      marketplaceSkuId: 'SKU-1',
      supplierItemCode: 'SUP-1',
    });
    expect(theirs.rechecked).toBe(0);
    expect(theirs.id).not.toBe(saved.id);
  });
});
