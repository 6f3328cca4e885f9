import { Hono } from 'hono';
import type { SimCore, SimEnv } from './core.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The seller consent page: what a seller sees after clicking the authorization link
 * (`/oauth/authorize?service_id=&state=`). Submitting issues a single-use code and redirects to
 * the app's configured redirect URL with `code` and `state` (reference §1).
 */
export function oauthRoutes(core: SimCore): Hono<SimEnv> {
  const app = new Hono<SimEnv>();

  app.get('/oauth/authorize', (c) => {
    const serviceId = c.req.query('service_id') ?? c.req.query('app_key') ?? '';
    const state = c.req.query('state') ?? '';
    const known =
      core.serviceId === undefined || serviceId === core.serviceId || serviceId === core.appKey;
    if (!known) return c.html('<h1>This service does not exist</h1>', 404);
    const shops = [...core.auth.shops.values()]
      .map(
        (s) =>
          `<label><input type="checkbox" name="shop_id" value="${esc(s.id)}"> ${esc(s.name)} (${esc(s.region)})</label><br>`,
      )
      .join('\n');
    return c.html(`<!doctype html><html><head><title>Authorize app</title></head><body>
<h1>Authorize this app to manage your TikTok Shop</h1>
<p>The app will read orders and write fulfillment data.</p>
<form method="post" action="/oauth/authorize">
<input type="hidden" name="state" value="${esc(state)}">
${shops || '<p>No shops yet.</p>'}
<label><input type="checkbox" name="create_shop" value="1"> Create a new shop in
<select name="region"><option>US</option><option>GB</option></select></label><br>
<button type="submit" name="decision" value="allow">Authorize</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form></body></html>`);
  });

  app.post('/oauth/authorize', async (c) => {
    const form = await c.req.parseBody({ all: true });
    const state = String(form.state ?? '');
    const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
    const target = core.redirectUrl;
    if (form.decision === 'deny') {
      if (!target) return c.html('<p>Authorization cancelled.</p>');
      const u = new URL(target);
      u.searchParams.set('error', 'auth_denied');
      u.searchParams.set('state', state);
      return c.redirect(u.toString(), 302);
    }
    const shopIds = list(form.shop_id).filter((id) => core.auth.shops.has(id));
    if (form.create_shop)
      shopIds.push(core.auth.createShop({ region: String(form.region ?? 'US') }).id);
    if (shopIds.length === 0) return c.html('<p>Select at least one shop.</p>', 400);
    const code = core.auth.issueAuthCode(shopIds);
    if (!target) return c.html(`<p>Authorization code: <code>${esc(code)}</code></p>`);
    const u = new URL(target);
    u.searchParams.set('code', code);
    u.searchParams.set('state', state);
    u.searchParams.set('app_key', core.appKey);
    u.searchParams.set('locale', 'en');
    const first = core.auth.shops.get(shopIds[0] ?? '');
    if (first) u.searchParams.set('shop_region', first.region);
    return c.redirect(u.toString(), 302);
  });

  return app;
}
