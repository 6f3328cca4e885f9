import { bearerToken } from '@switchyard/auth';
import { authenticatePartnerKey } from '@switchyard/auth/credentials';
import { createMiddleware } from 'hono/factory';
import type { ApiDeps } from '../deps.ts';
import { AppError } from '../errors.ts';

export type PartnerEnv = { Variables: { supplier: { id: string; code: string } } };

/** Resolves `Authorization: Bearer sy_pk_…` to the supplier; keys are stored only as hashes. */
export function partnerAuth(deps: ApiDeps) {
  return createMiddleware<PartnerEnv>(async (c, next) => {
    const key = bearerToken(c.req.header('authorization'));
    const supplier = key ? await authenticatePartnerKey(deps.db, key) : undefined;
    if (!supplier) throw new AppError('PARTNER_UNAUTHORIZED', 'missing or unknown partner key');
    c.set('supplier', supplier);
    await next();
  });
}
