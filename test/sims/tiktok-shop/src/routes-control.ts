import { Hono } from 'hono';
import { z } from 'zod';
import type { TikTokShopSim } from './sim.ts';

const shopInput = z.object({
  region: z.string().optional(),
  name: z.string().optional(),
  seller_type: z.enum(['LOCAL', 'CROSS_BORDER']).optional(),
});
const orderInput = z.object({
  shop_id: z.string(),
  paid: z.boolean().optional(),
  bad_address: z.enum(['PO_BOX', 'WRONG_POSTCODE']).optional(),
  delivery_option_id: z.string().optional(),
  buyer_message: z.string().optional(),
  shipping_type: z.enum(['TIKTOK', 'SELLER']).optional(),
  items: z
    .array(
      z.object({
        sku_id: z.string().optional(),
        seller_sku: z.string().optional(),
        product_id: z.string().optional(),
        product_name: z.string().optional(),
        unit_price: z.string().optional(),
        quantity: z.number().int().positive().optional(),
      }),
    )
    .optional(),
});
const faultsInput = z.object({
  dropWebhookRate: z.number().min(0).max(1).optional(),
  duplicateWebhookRate: z.number().min(0).max(1).optional(),
  reorderWebhookRate: z.number().min(0).max(1).optional(),
  reorderDelayMs: z.number().int().min(0).max(600_000).optional(),
  failRate: z.number().min(0).max(1).optional(),
  latencyMs: z.number().min(0).optional(),
  noShippingService: z.boolean().optional(),
  rateLimit: z
    .object({ perSecond: z.number().positive(), burst: z.number().positive() })
    .nullable()
    .optional(),
});

/**
 * Test-only control plane under `/__control/*` so other processes (dev runner, e2e) can drive
 * the sim. Unauthenticated on purpose: the sim must never be exposed beyond localhost.
 */
export function controlRoutes(sim: TikTokShopSim): Hono {
  const app = new Hono();
  app.onError((err, c) => c.json({ error: err.message }, 400));
  const body = async <T extends z.ZodType>(req: Request, schema: T): Promise<z.output<T>> =>
    schema.parse(await req.json().catch(() => ({})));

  app.post('/shops', async (c) => {
    const b = await body(c.req.raw, shopInput);
    return c.json(
      sim.createShop({ region: b.region, name: b.name, sellerType: b.seller_type }),
      201,
    );
  });
  app.post('/auth-codes', async (c) => {
    const b = await body(c.req.raw, z.object({ shop_ids: z.array(z.string()).min(1) }));
    return c.json({ code: sim.issueAuthCode(b.shop_ids) }, 201);
  });
  app.post('/orders', async (c) => {
    const b = await body(c.req.raw, orderInput);
    const order = sim.createOrder(b.shop_id, {
      ...(b.paid === undefined ? {} : { paid: b.paid }),
      ...(b.bad_address ? { badAddress: b.bad_address } : {}),
      ...(b.delivery_option_id ? { deliveryOptionId: b.delivery_option_id } : {}),
      ...(b.buyer_message ? { buyerMessage: b.buyer_message } : {}),
      ...(b.shipping_type ? { shippingType: b.shipping_type } : {}),
      ...(b.items
        ? {
            items: b.items.map((i) => ({
              skuId: i.sku_id,
              sellerSku: i.seller_sku,
              productId: i.product_id,
              productName: i.product_name,
              unitPrice: i.unit_price,
              quantity: i.quantity,
            })),
          }
        : {}),
    });
    return c.json(order, 201);
  });
  app.get('/orders/:id', (c) => {
    const o = sim.getOrder(c.req.param('id'));
    return o ? c.json(o) : c.json({ error: 'not found' }, 404);
  });
  for (const action of ['scan', 'deliver', 'cancel', 'pay', 'release'] as const) {
    app.post(`/orders/:id/${action}`, (c) => c.json(sim[action](c.req.param('id'))));
  }
  app.post('/orders/:id/address', async (c) => {
    const patch = await body(c.req.raw, z.record(z.string(), z.unknown()));
    return c.json(sim.updateAddress(c.req.param('id'), patch));
  });
  app.post('/shops/:id/deauthorize', (c) => {
    sim.deauthorize(c.req.param('id'));
    return c.json({ ok: true });
  });
  app.patch('/faults', async (c) => {
    const b = await body(c.req.raw, faultsInput);
    const { rateLimit, ...rest } = b;
    Object.assign(
      sim.faults,
      Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    );
    if (rateLimit !== undefined) sim.faults.rateLimit = rateLimit ?? undefined;
    return c.json(sim.faults);
  });
  app.get('/webhooks', (c) => c.json(sim.webhookLog()));
  // Every access and refresh token the auth server has issued: tests look for them in logs.
  app.get('/tokens', (c) => c.json(sim.issuedTokens()));
  app.put('/webhook-url', async (c) => {
    const b = await body(c.req.raw, z.object({ url: z.string().url().nullable() }));
    sim.setWebhookUrl(b.url ?? undefined);
    return c.json({ url: b.url });
  });
  app.post('/advance', async (c) => {
    const b = await body(c.req.raw, z.object({ ms: z.number().int().nonnegative() }));
    sim.advance(b.ms);
    return c.json({ now: sim.now() });
  });
  app.post('/tokens/expire', async (c) => {
    sim.expireAccessToken((await body(c.req.raw, z.object({ token: z.string() }))).token);
    return c.json({ ok: true });
  });
  app.post('/tokens/revoke', async (c) => {
    const b = await body(
      c.req.raw,
      z.object({ token: z.string(), kind: z.enum(['access', 'refresh']).default('refresh') }),
    );
    if (b.kind === 'access') sim.revokeAccessToken(b.token);
    else sim.revokeRefreshToken(b.token);
    return c.json({ ok: true });
  });
  return app;
}
