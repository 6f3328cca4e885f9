import type { Hono } from 'hono';
import { z } from 'zod';
import type { SimCore, SimEnv } from './core.ts';
import { ok } from './core.ts';
import type { SimShop } from './types.ts';

// Shapes only; units and values are checked by parseParcel so the errors say which field.
const parcel = {
  weight: z.object({ value: z.unknown(), unit: z.unknown() }).partial().optional(),
  dimension: z
    .object({ length: z.unknown(), width: z.unknown(), height: z.unknown(), unit: z.unknown() })
    .partial()
    .optional(),
};
const ids = z.array(z.string().min(1)).max(500).optional();
export const queryBody = z.object({ order_line_item_ids: ids, ...parcel });
export const createBody = z.object({
  order_id: z.string().min(1),
  order_line_item_ids: ids,
  shipping_service_id: z.string().min(1),
  ...parcel,
});
export const shipBody = z.object({
  handover_method: z.enum(['PICKUP', 'DROP_OFF']).default('DROP_OFF'),
  pickup_slot: z.object({ start_time: z.number(), end_time: z.number() }).optional(),
  self_shipment: z.unknown().optional(),
});

type Body = <T extends z.ZodType>(raw: string, schema: T) => z.output<T>;

/** TikTok Shipping label routes (reference §5), behind the gateway like every Open API call. */
export function labelRoutes(
  app: Hono<SimEnv>,
  core: SimCore,
  jsonBody: Body,
  mustShop: (s: SimShop | undefined) => SimShop,
): void {
  app.post('/fulfillment/202309/orders/:order_id/shipping_services/query', (c) => {
    const shop = mustShop(c.get('shop'));
    const b = jsonBody(c.get('rawBody'), queryBody);
    return ok(core, c, core.labels.queryServices(shop.id, c.req.param('order_id'), b));
  });

  app.post('/fulfillment/202309/packages', async (c) => {
    const shop = mustShop(c.get('shop'));
    const b = jsonBody(c.get('rawBody'), createBody);
    return ok(core, c, await core.labels.createPackage(shop.id, b));
  });

  app.get('/fulfillment/202309/packages/:package_id/shipping_documents', (c) => {
    const shop = mustShop(c.get('shop'));
    const origin = new URL(c.req.url).origin;
    return ok(
      core,
      c,
      core.labels.documents(shop.id, c.req.param('package_id'), c.req.query(), origin),
    );
  });

  app.get('/fulfillment/202309/packages/:package_id', (c) => {
    const shop = mustShop(c.get('shop'));
    return ok(core, c, core.labels.packageDetail(shop.id, c.req.param('package_id')));
  });

  app.post('/fulfillment/202309/packages/:package_id/ship', (c) => {
    const shop = mustShop(c.get('shop'));
    const b = jsonBody(c.get('rawBody'), shipBody);
    core.labels.ship(shop.id, c.req.param('package_id'), b);
    return ok(core, c, {});
  });
}
