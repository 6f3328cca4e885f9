import { bearerToken, hashSecret } from '@switchyard/auth';
import { resolveApiToken, resolveOperatorToken, resolveSession } from '@switchyard/db';
import type { ApiDeps } from '../deps.ts';
import { SESSION_COOKIE } from '../onboarding/sessions.ts';

export type TrpcContext = {
  deps: ApiDeps;
  /** The tenant of the API token or session cookie, resolved once; undefined when anonymous. */
  tenantId: string | undefined;
  /** The operator token's id (`sy_op_…`); operators are never a tenant, nor the other way. */
  operatorId?: string | undefined;
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
  const token = bearerToken(req.headers.get('authorization') ?? undefined);
  if (token) {
    if (token.startsWith('sy_op_'))
      return {
        deps,
        tenantId: undefined,
        operatorId: await resolveOperatorToken(deps.db, hashSecret(token)),
      };
    const tenantId = token.startsWith('sy_live_')
      ? await resolveApiToken(deps.db, hashSecret(token))
      : undefined;
    return { deps, tenantId };
  }
  const session = cookie(req, SESSION_COOKIE);
  const tenantId =
    session && session.length <= 128
      ? await resolveSession(deps.db, hashSecret(session))
      : undefined;
  return { deps, tenantId };
}
