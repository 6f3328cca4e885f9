import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SESSION_KEY } from './session.ts';

/** The api's sign-in routes other than the seller's OAuth (issue 12). */
export type SignInRoute = 'link' | 'partner-key' | 'operator-token';

/** A sign-in refused by the api, with its stable code (SIGN_IN_INVALID, RATE_LIMITED…). */
export class SignInError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * Exchanges a secret (a one-time link's token, a partner key, an operator token) for the
 * session cookie, which the api sets HttpOnly; the secret is sent once and kept nowhere.
 */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (v: { route: SignInRoute; secret: string }) => {
      const res = await fetch(`/auth/${v.route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ secret: v.secret }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
        throw new SignInError(body.error?.code ?? 'SIGN_IN_INVALID');
      }
    },
    onSuccess: () => {
      client.clear();
      return client.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
}
