import { randomBytes } from 'node:crypto';
import { consumeOauthState, type Db, insertOauthState } from '@switchyard/db';
import { hashSecret } from '../secrets.ts';

/** RFC 9700: a state is short-lived and single use. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

/**
 * Issues the `state` of a marketplace authorization request, bound to the browser that starts
 * it (by a secret only that browser holds) and to the tenant already signed in there, if any.
 * Both are stored only as hashes.
 */
export async function issueOauthState(
  db: Db,
  v: { browser: string; tenantId: string | null },
): Promise<string> {
  const state = randomBytes(32).toString('base64url');
  await insertOauthState(db, {
    stateHash: hashSecret(state),
    browserHash: hashSecret(v.browser),
    tenantId: v.tenantId,
    expiresAt: new Date(Date.now() + OAUTH_STATE_TTL_MS),
  });
  return state;
}

/**
 * Redeems a state once, from the browser it was issued to, before it expires: the tenant it
 * was issued for (null when nobody was signed in). Replays, other browsers and expired states
 * get undefined.
 */
export async function redeemOauthState(
  db: Db,
  v: { state: string; browser: string },
): Promise<{ tenantId: string | null } | undefined> {
  const row = await consumeOauthState(db, hashSecret(v.state), hashSecret(v.browser));
  return row && { tenantId: row.tenant_id };
}
