import type { Db } from '@switchyard/db';
import { authenticateActorSession } from './actor-sessions.ts';
import { authenticateApiToken } from './api-tokens.ts';
import { authenticateOperatorToken } from './operator-tokens.ts';
import { authenticateSession } from './sessions.ts';

/** Who is calling: a tenant, a supplier, an operator, or (none set) nobody we know. */
export interface Caller {
  tenantId: string | undefined;
  operatorId: string | undefined;
  /** A supplier signed in to the portal (a supplier session; partner keys stay on REST). */
  supplierId?: string | undefined;
}

/**
 * Resolves a request's credentials to at most one kind of caller. A bearer token decides
 * alone: an operator token makes an operator, an API token a tenant, anything else nobody.
 * Without one, the portal's session names a tenant, a supplier or an operator: one row of one
 * kind, so the kinds never mix.
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
  const tenantId = session ? await authenticateSession(db, session) : undefined;
  if (tenantId || !session) return { tenantId, operatorId: undefined };
  const actor = await authenticateActorSession(db, session);
  return {
    tenantId: undefined,
    operatorId: actor?.kind === 'operator' ? actor.operatorTokenId : undefined,
    supplierId: actor?.kind === 'supplier' ? actor.supplierId : undefined,
  };
}
