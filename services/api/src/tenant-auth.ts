import { createMiddleware } from 'hono/factory';
import type { ApiDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { createContext } from './trpc/context.ts';

export type TenantEnv = { Variables: { tenantId: string } };

/** REST routes for tenants authenticate exactly like tRPC: API token or session cookie. */
export function tenantAuth(deps: ApiDeps) {
  return createMiddleware<TenantEnv>(async (c, next) => {
    const { tenantId } = await createContext(deps, c.req.raw);
    if (!tenantId) throw new AppError('UNAUTHORIZED', 'a tenant API token or session is required');
    c.set('tenantId', tenantId);
    await next();
  });
}
