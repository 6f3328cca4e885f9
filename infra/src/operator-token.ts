/**
 * `pnpm operator-token <name>`: issues an operator token (`sy_op_…`) for the operator API
 * (`ops.*` procedures) and prints it once; only its hash is stored. Run by someone who holds
 * the database owner's login (docs/runbooks):
 *   DATABASE_ADMIN_URL=postgres://… pnpm operator-token "alice on-call"
 * Revoke one with `update operator_tokens set revoked_at = now() where name = '…'`.
 */
import { issueOperatorToken } from '@switchyard/auth/credentials';
import { createDb } from '@switchyard/db';
import { z } from 'zod';

const env = z.object({ DATABASE_ADMIN_URL: z.url() }).parse(process.env);
const name = z
  .string()
  .trim()
  .min(1, 'usage: pnpm operator-token <name of the person or system>')
  .max(100)
  .parse(process.argv[2] ?? '');
const db = createDb(env.DATABASE_ADMIN_URL, { max: 1 });
try {
  console.log(await issueOperatorToken(db, name));
} finally {
  await db.destroy();
}
