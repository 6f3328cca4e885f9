import type { Db } from '@switchyard/db';
import { authenticateApiToken } from './api-tokens.ts';
import { authenticateOperatorToken } from './operator-tokens.ts';
import { authenticateSession } from './sessions.ts';

/** Who is calling: a tenant, an operator, or (neither set) nobody we know. */
export interface Caller {
  tenantId: string | undefined;
  operatorId: string | undefined;
}

/**
 * Resolves a request's credentials. A bearer token decides alone: an operator token makes an
 * operator, an API token a tenant, anything else nobody. Without one, the portal's session
 * names the tenant. Operators are never a tenant, nor the other way round.
 */
export async function authenticateCaller(
  db: Db,
  credentials: { bearer?: string | undefined; session?: string | undefined },
): Promise<Caller> {
  const { bearer, session } = credentials;
  if (bearer)
    return {
      tenantId: await authenticateApiToken(db, bearer),
      operatorId: await authenticateOperatorToken(db, bearer),
    };
  return {
    tenantId: session ? await authenticateSession(db, session) : undefined,
    operatorId: undefined,
  };
}
