import { bearerToken } from '@switchyard/auth';
import { authenticateCaller } from '@switchyard/auth/credentials';
import type { ApiDeps } from '../deps.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';

export type TrpcContext = {
  deps: ApiDeps;
  /** The tenant of the API token or session cookie, resolved once; undefined when anonymous. */
  tenantId: string | undefined;
  /** The operator token's id (`sy_op_…`); operators are never a tenant, nor the other way. */
  operatorId?: string | undefined;
  /** The supplier of a supplier's portal session; never set with a tenant or an operator. */
  supplierId?: string | undefined;
  /** The address the caller reached, for links when no public URL is configured. */
  origin?: string;
  /** The portal's session token when the cookie (not a bearer token) authenticated the call. */
  session?: string | undefined;
  /** Headers of the answer, for a procedure that sets a cookie (sign-out clears the session's). */
  resHeaders?: Headers;
};

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/**
 * API token (`Authorization: Bearer sy_live_…`) for machines, session cookie for the portal,
 * operator token (`Bearer sy_op_…`) for operators.
 */
export async function createContext(deps: ApiDeps, req: Request): Promise<TrpcContext> {
  const bearer = bearerToken(req.headers.get('authorization') ?? undefined);
  const session = bearer ? undefined : cookie(req, SESSION_COOKIE);
  const caller = await authenticateCaller(deps.db, { bearer, session });
  return {
    deps,
    ...caller,
    // Any live session (tenant, supplier or operator): sign-out and the CSRF token need it.
    session: caller.tenantId || caller.supplierId || caller.operatorId ? session : undefined,
    origin: new URL(req.url).origin,
  };
}
