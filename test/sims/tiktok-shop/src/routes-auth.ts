import { Hono } from 'hono';
import { CODES, SimApiError } from './api-error.ts';
import { ok, type SimCore, type SimEnv } from './core.ts';

/** Token endpoints of the auth host (reference §1): app secret in the query, no sign. */
export function authRoutes(core: SimCore): Hono<SimEnv> {
  const app = new Hono<SimEnv>();

  const checkApp = (q: Record<string, string>) => {
    if (q.app_key !== core.appKey || q.app_secret !== core.appSecret) {
      throw new SimApiError(CODES.OVERLOADED, 'Invalid app_key or app_secret', 400);
    }
  };

  app.get('/api/v2/token/get', (c) => {
    const q = c.req.query();
    checkApp(q);
    // The literal is `authorized_code`; OAuth's `authorization_code` is a classic mistake.
    if (q.grant_type !== 'authorized_code') {
      throw new SimApiError(CODES.OVERLOADED, 'Invalid grant_type, expected authorized_code', 400);
    }
    if (!q.auth_code) throw new SimApiError(CODES.INVALID_AUTH_CODE, 'Invalid auth code', 400);
    return ok(core, c, core.auth.exchangeCode(q.auth_code));
  });

  app.get('/api/v2/token/refresh', (c) => {
    const q = c.req.query();
    checkApp(q);
    if (q.grant_type !== 'refresh_token') {
      throw new SimApiError(CODES.OVERLOADED, 'Invalid grant_type, expected refresh_token', 400);
    }
    return ok(core, c, core.auth.refreshAccess(q.refresh_token ?? ''));
  });

  return app;
}
