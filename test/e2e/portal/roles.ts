import { issueOperatorToken } from '@switchyard/auth/credentials';
import type { Platform } from '../../harness/platform.ts';

/** A portal session as a browser holds it: the cookie and the CSRF token `session.current` gives. */
export interface Session {
  cookie: string;
  csrf: string;
  actor: string | null;
}

/** Posts a secret to one of the api's sign-in routes; the answer and the cookie it set. */
export async function signIn(
  p: Platform,
  route: 'link' | 'partner-key' | 'operator-token',
  secret: string,
) {
  const res = await fetch(`${p.apiUrl}/auth/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ secret }),
  });
  const cookie = /sy_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  return { res, cookie };
}

/** A signed-in session from a route and secret; throws when it signs no one in. */
export async function sessionOf(
  p: Platform,
  route: 'link' | 'partner-key' | 'operator-token',
  secret: string,
): Promise<Session> {
  const { res, cookie } = await signIn(p, route, secret);
  if (res.status !== 200 || !cookie) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const current = await fetch(`${p.apiUrl}/trpc/session.current`, {
    headers: { cookie: `sy_session=${cookie}` },
  });
  const { result } = (await current.json()) as {
    result: { data: { csrfToken: string; actor: string | null } };
  };
  return { cookie, csrf: result.data.csrfToken, actor: result.data.actor };
}

/** An operator session, through a new operator token. */
export async function operatorSession(p: Platform): Promise<Session> {
  return sessionOf(p, 'operator-token', await issueOperatorToken(p.db, 'portal test'));
}

/** What a tRPC call answers for this session: HTTP status, tRPC code, app code, data. */
export async function call(
  p: Platform,
  s: Session | undefined,
  kind: 'query' | 'mutation',
  path: string,
  input?: unknown,
) {
  const headers: Record<string, string> = s
    ? { cookie: `sy_session=${s.cookie}`, 'x-csrf-token': s.csrf }
    : {};
  const res =
    kind === 'query'
      ? await fetch(
          `${p.apiUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          { headers },
        )
      : await fetch(`${p.apiUrl}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
  const text = await res.text();
  const body = JSON.parse(text) as {
    result?: { data: unknown };
    error?: {
      message: string;
      data?: { code?: string; appCode?: string | null; details?: unknown };
    };
  };
  return {
    status: res.status,
    code: body.error?.data?.code ?? null,
    appCode: body.error?.data?.appCode ?? null,
    message: body.error?.message ?? null,
    details: body.error?.data?.details ?? null,
    data: body.result?.data,
  };
}

/**
 * POSTs a file to one of the api's routes as the portal does: the body as it is, the session's
 * cookie and CSRF token (`csrf: null` leaves the token out, a string replaces it). The answer's
 * status, its error code if any, and its JSON.
 */
export async function postFileAs<Body>(
  url: string,
  session: Session | undefined,
  body: string | Uint8Array,
  opts: { csrf?: string | null; type?: string } = {},
): Promise<{ status: number; code: string | null; body: Body }> {
  const csrf = opts.csrf === undefined ? session?.csrf : opts.csrf;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': opts.type ?? 'text/csv',
      ...(session && { cookie: `sy_session=${session.cookie}` }),
      ...(csrf && { 'x-csrf-token': csrf }),
    },
    body,
  });
  const json = (await res.json()) as Body & { error?: { code: string } };
  return { status: res.status, code: json.error?.code ?? null, body: json };
}
