import type { Db } from '../client.ts';

/** Stores an operator token by its hash; operators are no tenant, so no tenant scope applies. */
export async function insertOperatorToken(
  db: Db,
  v: { name: string; prefix: string; tokenHash: string },
) {
  await db
    .insertInto('operator_tokens')
    .values({ name: v.name, prefix: v.prefix, token_hash: v.tokenHash })
    .execute();
}

/** The operator token with this SHA-256 hash, if it exists and is not revoked. */
export async function resolveOperatorToken(db: Db, tokenHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('operator_tokens')
    .select('id')
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.id;
}
