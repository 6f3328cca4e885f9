import { type Db, insertOperatorToken, resolveOperatorToken } from '@switchyard/db';
import { generateSecret, hashSecret } from '../secrets.ts';

/** Issues an operator token (`sy_op_…`); the secret is returned once, only its hash is stored. */
export async function issueOperatorToken(db: Db, name: string): Promise<string> {
  const { secret, prefix, hash } = generateSecret('sy_op');
  await insertOperatorToken(db, { name, prefix, tokenHash: hash });
  return secret;
}

/** The id of a live operator token; undefined when unknown, revoked or not an operator token. */
export async function authenticateOperatorToken(
  db: Db,
  token: string,
): Promise<string | undefined> {
  if (!token.startsWith('sy_op_')) return undefined;
  return resolveOperatorToken(db, hashSecret(token));
}
