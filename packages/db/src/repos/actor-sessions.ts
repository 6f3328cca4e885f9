import type { Db } from '../client.ts';

/** Who a supplier or operator session names; tenant sessions live in `sessions`. */
export type ActorSubject =
  | { kind: 'supplier'; supplierId: string }
  | { kind: 'operator'; operatorTokenId: string };

/** A sign-in link's subject: a tenant, a supplier or an operator. */
export type LinkSubject = { kind: 'tenant'; tenantId: string } | ActorSubject;

const columns = (s: LinkSubject) => ({
  kind: s.kind,
  tenant_id: s.kind === 'tenant' ? s.tenantId : null,
  supplier_id: s.kind === 'supplier' ? s.supplierId : null,
  operator_token_id: s.kind === 'operator' ? s.operatorTokenId : null,
});

/** Stores a supplier or operator session by its token's hash; not tenant data. */
export async function insertActorSession(
  db: Db,
  v: { subject: ActorSubject; tokenHash: string; expiresAt: Date },
) {
  await db
    .insertInto('actor_sessions')
    .values({
      kind: v.subject.kind,
      supplier_id: v.subject.kind === 'supplier' ? v.subject.supplierId : null,
      operator_token_id: v.subject.kind === 'operator' ? v.subject.operatorTokenId : null,
      token_hash: v.tokenHash,
      expires_at: v.expiresAt,
    })
    .execute();
}

/**
 * The live session with this hash: a supplier session only while its supplier is active, an
 * operator session only while the operator token it came from is not revoked.
 */
export async function resolveActorSession(
  db: Db,
  tokenHash: string,
): Promise<ActorSubject | undefined> {
  const row = await db
    .selectFrom('actor_sessions as s')
    .leftJoin('suppliers as sup', 'sup.id', 's.supplier_id')
    .leftJoin('operator_tokens as op', 'op.id', 's.operator_token_id')
    .select(['s.kind', 's.supplier_id', 's.operator_token_id', 'sup.active', 'op.revoked_at'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.kind === 'supplier' && row.supplier_id && row.active)
    return { kind: 'supplier', supplierId: row.supplier_id };
  if (row.kind === 'operator' && row.operator_token_id && row.revoked_at === null)
    return { kind: 'operator', operatorTokenId: row.operator_token_id };
  return undefined;
}

/** Ends a supplier or operator session (sign-out); an unknown hash changes nothing. */
export async function revokeActorSession(db: Db, tokenHash: string) {
  await db
    .updateTable('actor_sessions')
    .set({ revoked_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertSignInLink(
  db: Db,
  v: { subject: LinkSubject; tokenHash: string; expiresAt: Date },
) {
  await db
    .insertInto('sign_in_links')
    .values({ ...columns(v.subject), token_hash: v.tokenHash, expires_at: v.expiresAt })
    .execute();
}

/** Uses a live link once (atomically): its subject, or undefined when unknown, used or expired. */
export async function consumeSignInLink(
  db: Db,
  tokenHash: string,
): Promise<LinkSubject | undefined> {
  const row = await db
    .updateTable('sign_in_links')
    .set({ used_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['kind', 'tenant_id', 'supplier_id', 'operator_token_id'])
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.kind === 'tenant' && row.tenant_id) return { kind: 'tenant', tenantId: row.tenant_id };
  if (row.kind === 'supplier' && row.supplier_id)
    return { kind: 'supplier', supplierId: row.supplier_id };
  if (row.kind === 'operator' && row.operator_token_id)
    return { kind: 'operator', operatorTokenId: row.operator_token_id };
  return undefined;
}
