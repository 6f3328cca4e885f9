import { appendOrderEvent, raiseOperatorAlert, updateOrder } from '@switchyard/db';
import { lineGroupNoSupplierHold } from '@switchyard/domain';
import type { ActivityContext, Scope } from './context.ts';
import { routeOrderGroups } from './route.ts';

type Line = { supplierItemCode: string; quantity: number };

/**
 * R-RT-1 split, when a line group runs out of suppliers after another group shipped: the rest
 * of the order is held with LINE_GROUP_NO_SUPPLIER (not failed: packages are on their way), the
 * operator is alerted, and a re-check routes what is left of each such group again.
 */
export function groupHoldActivities(ctx: ActivityContext) {
  const { tx } = ctx;
  return {
    /** Holds the order for its groups without a supplier; `round` counts the holds so far. */
    async holdLineGroups(
      input: Scope & { lineGroups: number[]; shippedGroups: number[]; round: number },
    ) {
      const { tenantId, orderId, lineGroups, round } = input;
      const hold = lineGroupNoSupplierHold(lineGroups);
      await tx(tenantId, async (trx) => {
        await trx
          .updateTable('orders')
          .set({ holds: JSON.stringify([hold]), updated_at: new Date() })
          .where('id', '=', orderId)
          .execute();
        await updateOrder(trx, orderId, { status: 'on_hold' });
        const detail = { holds: [hold], lineGroups, shippedGroups: input.shippedGroups };
        await appendOrderEvent(trx, {
          tenantId,
          orderId,
          kind: 'held',
          dedupeKey: `held:line-groups:${round}`,
          detail,
        });
        // Someone must find a supplier before the marketplace's clock runs out (R-SLA-1).
        await raiseOperatorAlert(trx, {
          kind: 'order_unfulfilled',
          dedupeKey: `order_unfulfilled:${orderId}:line-groups:${round}`,
          tenantId,
          orderId,
          message: `Order ${orderId}: line groups ${lineGroups.join(', ')} have no supplier left while groups ${input.shippedGroups.join(', ')} shipped; the rest is held (${hold.code})`,
          detail: { code: hold.code, ...detail },
          deliver: true,
        });
      });
      return [hold];
    },

    /**
     * Routes what is left of each held group again (R-RT-1), after a re-check: its suppliers,
     * best first; none when still no supplier can take it. The hold is lifted meanwhile.
     */
    async rerouteLineGroups(
      input: Scope & { groups: Array<{ index: number; lines: Line[] }> },
    ): Promise<string[][]> {
      const { tenantId, orderId } = input;
      return tx(tenantId, async (trx) => {
        const order = await trx
          .selectFrom('orders')
          .select(['ship_country', 'carrier', 'ship_by'])
          .where('id', '=', orderId)
          .executeTakeFirstOrThrow();
        const out: string[][] = [];
        for (const g of input.groups) {
          const routed = await routeOrderGroups(trx, {
            tenantId,
            orderId,
            country: order.ship_country,
            carrier: order.carrier,
            lines: g.lines,
            shipBy: order.ship_by,
            now: ctx.now(),
          });
          out.push(routed.candidates);
        }
        await trx
          .updateTable('orders')
          .set({ holds: '[]', updated_at: new Date() })
          .where('id', '=', orderId)
          .execute();
        await updateOrder(trx, orderId, { status: 'partially_shipped' });
        return out;
      });
    },
  };
}
