import { randomUUID } from 'node:crypto';
import { createTenant, withTenant } from '@switchyard/db';
import { seedShop } from '@switchyard/db/testing';
import { orderWorkflowId } from '@switchyard/domain';
import type { TtsWebhookEvent } from '@switchyard/tiktok-shop';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDbAndTemporal } from '../../test/harness/db-and-temporal.ts';
import { routeMarketplaceEvent } from './marketplace-events.ts';

/**
 * What each marketplace notification does, against real PostgreSQL (RLS) and a real Temporal
 * server whose workflows run on a task queue no worker polls, so they only collect signals.
 */
describe('routeMarketplaceEvent', () => {
  const t = useDbAndTemporal('events');
  const { taskQueue, started } = t;
  let scope: { tenantId: string; shopId: string };
  const common = () => ({ notificationId: randomUUID(), shopId: 'tts-shop', timestamp: 1 });
  const route = (event: TtsWebhookEvent) =>
    routeMarketplaceEvent({ db: t.env.db, temporal: t.temporal, taskQueue }, scope, event);

  async function runningOrder() {
    const orderId = `o-${randomUUID()}`;
    const workflowId = orderWorkflowId(scope.tenantId, scope.shopId, orderId);
    await t.temporal.workflow.start('orderFulfillment', { taskQueue, workflowId, args: [] });
    started.push(workflowId);
    return { orderId, workflowId };
  }
  async function signals(workflowId: string) {
    const { events } = await t.temporal.workflow.getHandle(workflowId).fetchHistory();
    return (events ?? []).flatMap(
      (e) => e.workflowExecutionSignaledEventAttributes?.signalName ?? [],
    );
  }
  const notifications = () =>
    t.env.admin.selectFrom('notifications').select(['kind', 'message']).orderBy('id').execute();

  beforeAll(async () => {
    const tenantId = await createTenant(t.env.db, 'A');
    const shopId = await withTenant(t.env.db, tenantId, (trx) =>
      seedShop(trx, tenantId, `s-${randomUUID()}`),
    );
    scope = { tenantId, shopId };
  });

  it('starts a shippable order once, then tells the running workflow it was released', async () => {
    const orderId = `o-${randomUUID()}`;
    const workflowId = orderWorkflowId(scope.tenantId, scope.shopId, orderId);
    const shippable = {
      ...common(),
      kind: 'order_status',
      orderId,
      status: 'AWAITING_SHIPMENT',
      onHoldOrder: false,
      updateTime: 1,
    } as const;
    await route(shippable);
    started.push(workflowId);
    expect(await t.temporal.workflow.getHandle(workflowId).describe()).toMatchObject({
      type: 'orderFulfillment',
      taskQueue,
    });
    await route({ ...shippable, notificationId: randomUUID() });
    expect(await signals(workflowId)).toEqual(['marketplaceReleased']);
  });

  it('cancels on a cancelled status or an accepted buyer cancellation, and on nothing else', async () => {
    const [a, b] = [await runningOrder(), await runningOrder()];
    const order = { ...common(), kind: 'order_status', onHoldOrder: false, updateTime: 1 } as const;
    await route({ ...order, orderId: a.orderId, status: 'CANCELLED' });
    const cancellation = {
      ...common(),
      kind: 'cancellation',
      orderId: b.orderId,
      cancelId: undefined,
      cancellationsRole: undefined,
      createTime: 1,
    } as const;
    await route({ ...cancellation, cancelStatus: 'CANCELLATION_REQUEST_PENDING' });
    await route({ ...cancellation, cancelStatus: 'CANCELLATION_REQUEST_SUCCESS' });
    expect(await signals(a.workflowId)).toEqual(['cancelOrder']);
    expect(await signals(b.workflowId)).toEqual(['cancelOrder']);
  });

  it('re-checks an order whose buyer changed the address; an order never started is left alone', async () => {
    const { orderId, workflowId } = await runningOrder();
    const update = { ...common(), kind: 'address_update', updateTime: 1 } as const;
    await route({ ...update, orderId });
    expect(await signals(workflowId)).toEqual(['recheck']);
    await expect(route({ ...update, orderId: 'never-started' })).resolves.toBeUndefined();
  });

  it('marks a deauthorized shop and tells the tenant, once per notification', async () => {
    const expiring = {
      ...common(),
      kind: 'authorization_expiring',
      message: '',
      expirationTime: Date.UTC(2030, 0, 31) / 1000,
    } as const;
    await route(expiring);
    const deauthorization = { ...common(), kind: 'deauthorization', message: '' } as const;
    await route(deauthorization);
    await route(deauthorization);
    const shop = await t.env.admin
      .selectFrom('shops')
      .select('status')
      .where('id', '=', scope.shopId)
      .executeTakeFirstOrThrow();
    expect(shop.status).toBe('deauthorized');
    expect(await notifications()).toEqual([
      { kind: 'authorization_expiring', message: expect.stringContaining('2030-01-31') },
      { kind: 'shop_deauthorized', message: expect.stringContaining('revoked') },
    ]);
  });
});
