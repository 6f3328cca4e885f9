import { bearerToken, hashSecret } from '@switchyard/auth';
import { resolveApiToken } from '@switchyard/db';
import type { ApiDeps } from '../deps.ts';

export type TrpcContext = {
  deps: ApiDeps;
  /** Resolved once per request from the tenant's API token; undefined for anonymous calls. */
  tenantId: string | undefined;
};

export async function createContext(deps: ApiDeps, req: Request): Promise<TrpcContext> {
  const token = bearerToken(req.headers.get('authorization') ?? undefined);
  const tenantId = token?.startsWith('sy_live_')
    ? await resolveApiToken(deps.db, hashSecret(token))
    : undefined;
  return { deps, tenantId };
}
