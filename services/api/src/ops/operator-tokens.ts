import { generateSecret } from '@switchyard/auth';
import { type Db, insertOperatorToken } from '@switchyard/db';

/** Issues an operator token (`sy_op_…`); the secret is returned once and only its hash is stored. */
export async function issueOperatorToken(db: Db, name: string): Promise<string> {
  const { secret, prefix, hash } = generateSecret('sy_op');
  await insertOperatorToken(db, { name, prefix, tokenHash: hash });
  return secret;
}
