import {
  ACTOR_SESSION_TTL_S,
  exchangeOperatorToken,
  exchangePartnerKey,
  redeemSignInLink,
  SESSION_TTL_S,
} from '@switchyard/auth/credentials';
import { type Context, Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';
import { storableInput } from '../storable-input.ts';

const COOKIE = { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' } as const;
const body = z.object({ secret: z.string().min(1).max(256) });

/** The JSON body's `secret`; a form post from another site (no JSON type) is refused. */
async function secretOf(c: Context): Promise<string> {
  if (!/^application\/json\b/.test(c.req.header('content-type') ?? ''))
    throw new AppError('BAD_REQUEST', 'send JSON');
  const parsed = body.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'a JSON body { "secret": string }');
  return parsed.data.secret;
}

function signedIn(c: Context, session: string | undefined, kind: string, maxAgeS: number) {
  if (!session) throw new AppError('SIGN_IN_INVALID', 'unknown, used or expired credential');
  setCookie(c, SESSION_COOKIE, session, { ...COOKIE, maxAge: maxAgeS });
  return c.json({ kind });
}

/**
 * Portal sign-in other than the seller's OAuth (issue 12, item 6), each answering with the
 * session cookie of one kind: a one-time sign-in link (tenant, supplier or operator), a
 * supplier's partner key, an operator's token. The secret travels in a JSON body (the link
 * keeps it in the URL's fragment, which no server or log sees); a cross-site form cannot send
 * JSON without the browser asking first, so another site cannot sign a browser in.
 */
export function authRoutes(deps: ApiDeps) {
  const app = new Hono().use('*', storableInput({ json: true }));
  app.post('/link', async (c) => {
    const r = await redeemSignInLink(deps.db, await secretOf(c));
    return signedIn(c, r?.session, r?.kind ?? '', r?.maxAgeS ?? SESSION_TTL_S);
  });
  app.post('/partner-key', async (c) => {
    const session = await exchangePartnerKey(deps.db, await secretOf(c));
    return signedIn(c, session, 'supplier', ACTOR_SESSION_TTL_S);
  });
  app.post('/operator-token', async (c) => {
    const session = await exchangeOperatorToken(deps.db, await secretOf(c));
    return signedIn(c, session, 'operator', ACTOR_SESSION_TTL_S);
  });
  return app;
}
