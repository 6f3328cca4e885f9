import { bearerToken } from '@switchyard/auth';
import { authenticatePartnerKey } from '@switchyard/auth/credentials';
import { createMiddleware } from 'hono/factory';
import type { ApiDeps } from '../deps.ts';
import type { Edge } from '../edge/rate-limits.ts';
import { AppError } from '../errors.ts';

export type PartnerEnv = {
  Variables: { supplier: { id: string; code: string; keyId: string } };
};

/**
 * Resolves `Authorization: Bearer sy_pk_…` to the supplier; keys are stored only as hashes, and
 * a revoked key or one past its rotation overlap is unknown. Then charges the supplier's rate:
 * one bucket per supplier, shared by its keys, so that holding two keys while rotating does
 * not double what it may send. Unknown keys cost the caller's address instead
 * (throttleAuthFailures).
 */
export function partnerAuth(deps: ApiDeps, edge: Edge) {
  return createMiddleware<PartnerEnv>(async (c, next) => {
    const key = bearerToken(c.req.header('authorization'));
    const supplier = key ? await authenticatePartnerKey(deps.db, key) : undefined;
    if (!supplier) throw new AppError('PARTNER_UNAUTHORIZED', 'missing or unknown partner key');
    edge.take('partnerKey', supplier.id);
    c.set('supplier', supplier);
    await next();
  });
}
