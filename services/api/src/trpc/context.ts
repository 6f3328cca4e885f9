import { bearerToken, hashSecret } from '@switchyard/auth';
import { resolveApiToken, resolveSession } from '@switchyard/db';
import type { ApiDeps } from '../deps.ts';
import { SESSION_COOKIE } from '../onboarding/sessions.ts';

export type TrpcContext = {
  deps: ApiDeps;
  /** The tenant of the API token or session cookie, resolved once; undefined when anonymous. */
  tenantId: string | undefined;
};

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** API token (`Authorization: Bearer sy_live_…`) for machines, session cookie for the portal. */
export async function createContext(deps: ApiDeps, req: Request): Promise<TrpcContext> {
  const token = bearerToken(req.headers.get('authorization') ?? undefined);
  if (token) {
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
