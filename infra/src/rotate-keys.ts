/**
 * Key rotation, run by an operator:
 *   ENCRYPTION_KEYS="new:<base64>,old:<base64>" DATABASE_ADMIN_URL=postgres://… pnpm rotate-keys
 * 1. Put a new key first in ENCRYPTION_KEYS everywhere (api, worker) and restart them: new
 *    values use it, old ones stay readable. 2. Run this. 3. Drop the old key from the ring.
 */

import { parseKeyring } from '@switchyard/auth';
import { rotateEncryptionKeys } from '@switchyard/auth/key-rotation';
import { createDb } from '@switchyard/db';
import { z } from 'zod';

const env = z
  .object({ ENCRYPTION_KEYS: z.string().min(1), DATABASE_ADMIN_URL: z.url() })
  .parse(process.env);
const db = createDb(env.DATABASE_ADMIN_URL, { max: 2 });
const ring = parseKeyring(env.ENCRYPTION_KEYS);
console.log(`re-encrypting with key ${ring.currentKeyId}…`);
console.log(JSON.stringify(await rotateEncryptionKeys(db, ring)));
await db.destroy();
