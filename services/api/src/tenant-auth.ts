import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ApiDeps } from './deps.ts';
import type { Edge } from './edge/rate-limits.ts';
import { AppError } from './errors.ts';
import { createContext } from './trpc/context.ts';

export type TenantEnv = { Variables: { tenantId: string } };

/**
 * The tenant of a request (API token or session cookie), resolved once per request; `cost`
 * calls are charged to the tenant's rate. Undefined when anonymous.
 */
export async function identifyTenant(deps: ApiDeps, edge: Edge, req: Request, cost = 1) {
  const { tenantId } = await createContext(deps, req);
  if (tenantId) edge.take('tenant', tenantId, cost);
  return tenantId;
}

/**
 * Resolves the tenant before tRPC runs, so a refusal for rate comes before any call does;
 * each call of a batch counts. Procedures that need a tenant refuse anonymous calls themselves.
 */
export function identifyTenantOfCalls(deps: ApiDeps, edge: Edge, calls: (c: Context) => number) {
  return createMiddleware<{ Variables: { tenantId: string | undefined } }>(async (c, next) => {
    c.set('tenantId', await identifyTenant(deps, edge, c.req.raw, calls(c)));
    await next();
  });
}

/** REST routes for tenants authenticate exactly like tRPC: API token or session cookie. */
export function tenantAuth(deps: ApiDeps, edge: Edge) {
  return createMiddleware<TenantEnv>(async (c, next) => {
    const tenantId = await identifyTenant(deps, edge, c.req.raw);
    if (!tenantId) throw new AppError('UNAUTHORIZED', 'a tenant API token or session is required');
    c.set('tenantId', tenantId);
    await next();
  });
}
