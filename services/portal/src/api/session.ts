import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from './client.ts';

export const SESSION_KEY = ['session.current'] as const;

/** Whether the browser's session cookie names a tenant; keeps the session's CSRF token. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const session = await api.session.current.query();
      setCsrfToken(session.csrfToken);
      return session;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.session.signOut.mutate(),
    onSuccess: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(SESSION_KEY, { signedIn: false, actor: null, csrfToken: null });
    },
  });
}
