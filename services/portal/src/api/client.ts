import type { AppRouter } from '@switchyard/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';

/**
 * The session's CSRF token, held in memory only (never in storage): read from
 * `session.current` and sent on every call, which the api requires for changes.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The header that carries the session's CSRF token, for the api's routes outside tRPC too. */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** The api's tRPC router on the portal's own origin, authenticated by the session cookie. */
export const api = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      // The api refuses batches of more than 10 calls.
      maxItems: 10,
      headers: csrfHeaders,
    }),
  ],
});
