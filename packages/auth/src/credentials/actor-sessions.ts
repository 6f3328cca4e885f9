import { randomBytes } from 'node:crypto';
import {
  type ActorSubject,
  consumeSignInLink,
  type Db,
  insertActorSession,
  insertSignInLink,
  type LinkSubject,
  resolveActorSession,
  resolveOperatorToken,
  revokeActorSession,
} from '@switchyard/db';
import { hashSecret } from '../secrets.ts';
import { authenticatePartnerKey } from './partner-keys.ts';
import { SESSION_TTL_S, startSession } from './sessions.ts';

/** A supplier's or operator's portal session lasts a working day, shorter than a seller's. */
export const ACTOR_SESSION_TTL_S = 12 * 60 * 60;

/** A sign-in link is for the person it was just given to: a quarter of an hour, once. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

/** Tokens we issue are 43 characters; anything much longer is not even hashed. */
const MAX_TOKEN_LENGTH = 128;

const newToken = () => randomBytes(32).toString('base64url');

/** Starts a supplier or operator session; its token is returned once, only its hash kept. */
export async function startActorSession(db: Db, subject: ActorSubject): Promise<string> {
  const token = newToken();
  await insertActorSession(db, {
    subject,
    tokenHash: hashSecret(token),
    expiresAt: new Date(Date.now() + ACTOR_SESSION_TTL_S * 1000),
  });
  return token;
}

/** Who a supplier or operator session names; undefined for anything else. */
export async function authenticateActorSession(
  db: Db,
  token: string,
): Promise<ActorSubject | undefined> {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  return resolveActorSession(db, hashSecret(token));
}

export async function endActorSession(db: Db, token: string): Promise<void> {
  if (token.length > MAX_TOKEN_LENGTH) return;
  await revokeActorSession(db, hashSecret(token));
}

/** A supplier signs in to the portal with a live partner key: a supplier session, or nothing. */
export async function exchangePartnerKey(db: Db, key: string): Promise<string | undefined> {
  if (key.length > MAX_TOKEN_LENGTH) return undefined;
  const supplier = await authenticatePartnerKey(db, key);
  return supplier && startActorSession(db, { kind: 'supplier', supplierId: supplier.id });
}

/** An operator signs in with a live operator token: an operator session, or nothing. */
export async function exchangeOperatorToken(db: Db, token: string): Promise<string | undefined> {
  if (token.length > MAX_TOKEN_LENGTH || !token.startsWith('sy_op_')) return undefined;
  const id = await resolveOperatorToken(db, hashSecret(token));
  return id && startActorSession(db, { kind: 'operator', operatorTokenId: id });
}

/** Issues a one-time sign-in link's token for one subject; only its hash is stored. */
export async function issueSignInLink(
  db: Db,
  subject: LinkSubject,
  ttlMs = SIGN_IN_LINK_TTL_MS,
): Promise<string> {
  const token = newToken();
  await insertSignInLink(db, {
    subject,
    tokenHash: hashSecret(token),
    expiresAt: new Date(Date.now() + ttlMs),
  });
  return token;
}

/**
 * Redeems a sign-in link once, before it expires: a new session of the link's kind and its
 * lifetime. Replays, unknown and expired links get undefined.
 */
export async function redeemSignInLink(
  db: Db,
  token: string,
): Promise<{ kind: LinkSubject['kind']; session: string; maxAgeS: number } | undefined> {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  const subject = await consumeSignInLink(db, hashSecret(token));
  if (!subject) return undefined;
  if (subject.kind === 'tenant')
    return {
      kind: 'tenant',
      session: await startSession(db, subject.tenantId),
      maxAgeS: SESSION_TTL_S,
    };
  return {
    kind: subject.kind,
    session: await startActorSession(db, subject),
    maxAgeS: ACTOR_SESSION_TTL_S,
  };
}
