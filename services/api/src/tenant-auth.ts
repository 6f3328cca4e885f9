import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ApiDeps } from './deps.ts';
import type { Edge } from './edge/rate-limits.ts';
import { AppError } from './errors.ts';
import { createContext, type TrpcContext } from './trpc/context.ts';

export type TenantEnv = { Variables: { tenantId: string } };

/**
 * Who is calling (tenant by API token or session cookie, or operator by operator token),
 * resolved once per request; `cost` calls are charged to the caller's rate. Operators share
 * the tenant rate under their own key, so no token is unlimited. Anonymous: neither is set.
 */
export async function identifyCaller(
  deps: ApiDeps,
  edge: Edge,
  req: Request,
  cost = 1,
): Promise<TrpcContext> {
  const caller = await createContext(deps, req);
  if (caller.tenantId) edge.take('tenant', caller.tenantId, cost);
  else if (caller.operatorId) edge.take('tenant', `operator:${caller.operatorId}`, cost);
  // A supplier in the portal shares its partner keys' bucket: one rate per supplier.
  else if (caller.supplierId) edge.take('partnerKey', caller.supplierId, cost);
  return caller;
}

/**
 * Resolves the caller before tRPC runs, so a refusal for rate comes before any call does;
 * each call of a batch counts. Procedures that need a tenant or an operator refuse others.
 */
export function identifyCallerOfCalls(deps: ApiDeps, edge: Edge, calls: (c: Context) => number) {
  return createMiddleware<{ Variables: { caller: TrpcContext } }>(async (c, next) => {
    c.set('caller', await identifyCaller(deps, edge, c.req.raw, calls(c)));
    await next();
  });
}

/** REST routes for tenants authenticate exactly like tRPC: API token or session cookie. */
export function tenantAuth(deps: ApiDeps, edge: Edge) {
  return createMiddleware<TenantEnv>(async (c, next) => {
    const { tenantId } = await identifyCaller(deps, edge, c.req.raw);
    if (!tenantId) throw new AppError('UNAUTHORIZED', 'a tenant API token or session is required');
    c.set('tenantId', tenantId);
    await next();
  });
}
