import { Hono } from 'hono';
import { z } from 'zod';
import { badParam } from './api-error.ts';
import { deliveryOption, PROVIDERS } from './carriers.ts';
import { ok, type SimCore, type SimEnv } from './core.ts';
import { gateway } from './gateway.ts';
import { renderOrder } from './render.ts';
import { labelRoutes } from './routes-labels.ts';
import { searchOrders } from './search.ts';
import type { SimOrder, SimShop } from './types.ts';

function jsonBody<T extends z.ZodType>(raw: string, schema: T): z.output<T> {
  let parsed: unknown;
  try {
    parsed = raw === '' ? {} : JSON.parse(raw);
  } catch {
    throw badParam('Invalid request body: not JSON');
  }
  const r = schema.safeParse(parsed);
  if (!r.success) throw badParam(`Invalid request body: ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
}

const shipBody = z.object({
  tracking_number: z.string().min(1),
  shipping_provider_id: z.string().min(1),
  order_line_item_ids: z.array(z.string()).optional(),
});

function mustShop(shop: SimShop | undefined): SimShop {
  if (!shop) throw new Error('gateway did not resolve a shop');
  return shop;
}

/** Open API routes (202309) behind the gateway. */
export function openApiRoutes(core: SimCore): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  for (const prefix of ['/authorization/*', '/order/*', '/fulfillment/*', '/logistics/*']) {
    app.use(prefix, gateway(core));
  }

  app.get('/authorization/202309/shops', (c) => {
    const shops = c
      .get('token')
      .shopIds.map((id) => core.auth.shops.get(id))
      .filter((s): s is SimShop => !!s)
      .map((s) => ({
        id: s.id,
        name: s.name,
        region: s.region,
        seller_type: s.sellerType,
        cipher: s.cipher,
        code: s.code,
      }));
    return ok(core, c, { shops });
  });

  app.post('/order/202309/orders/search', (c) => {
    const shop = mustShop(c.get('shop'));
    const body = jsonBody(c.get('rawBody'), z.record(z.string(), z.unknown()));
    return ok(core, c, searchOrders(core, shop, c.req.query(), body));
  });

  app.get('/order/202309/orders', (c) => {
    const shop = mustShop(c.get('shop'));
    const ids = (c.req.query('ids') ?? '').split(',').filter(Boolean);
    if (ids.length === 0) throw badParam('ids is required');
    if (ids.length > 50) throw badParam('ids must contain at most 50 order ids');
    const orders = ids
      .map((id) => core.orders.orders.get(id))
      .filter((o): o is SimOrder => o !== undefined && o.shopId === shop.id)
      .map(renderOrder);
    return ok(core, c, { orders });
  });

  app.get('/logistics/202309/delivery_options/:id/shipping_providers', (c) => {
    const option = deliveryOption(c.req.param('id'));
    if (!option) throw badParam('delivery_option_id is invalid');
    const shipping_providers = PROVIDERS.filter((p) => option.providerIds.includes(p.id)).map(
      (p) => ({ id: p.id, name: p.name }),
    );
    return ok(core, c, { shipping_providers });
  });

  app.post('/fulfillment/202309/orders/:order_id/packages', (c) => {
    const shop = mustShop(c.get('shop'));
    const b = jsonBody(c.get('rawBody'), shipBody);
    const data = core.fulfillment.markShipped(shop.id, c.req.param('order_id'), {
      trackingNumber: b.tracking_number,
      shippingProviderId: b.shipping_provider_id,
      orderLineItemIds: b.order_line_item_ids,
    });
    return ok(core, c, data);
  });

  app.post('/fulfillment/202309/orders/:order_id/shipping_info/update', (c) => {
    const shop = mustShop(c.get('shop'));
    const b = jsonBody(c.get('rawBody'), shipBody.omit({ order_line_item_ids: true }));
    core.fulfillment.updateShippingInfo(shop.id, c.req.param('order_id'), {
      trackingNumber: b.tracking_number,
      shippingProviderId: b.shipping_provider_id,
    });
    return ok(core, c, {});
  });

  labelRoutes(app, core, jsonBody, mustShop);
  return app;
}
