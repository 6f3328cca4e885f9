import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

const TOKENS = ['apiTokens.list'] as const;

export function useApiTokens() {
  return useQuery({ queryKey: TOKENS, queryFn: () => api.apiTokens.list.query() });
}

/** The new token's secret is in the mutation's data only: shown once, never cached or stored. */
export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.apiTokens.create.mutate({ name }),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.apiTokens.revoke.mutate({ id }),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS }),
  });
}

export function useNotifications(cursor: string | undefined) {
  return useQuery({
    queryKey: ['notifications.list', cursor],
    queryFn: () => api.notifications.list.query({ limit: 20, ...(cursor && { cursor }) }),
  });
}

export function useShops(cursor: string | undefined) {
  return useQuery({
    queryKey: ['shops.list', cursor],
    queryFn: () => api.shops.list.query({ limit: 50, ...(cursor && { cursor }) }),
  });
}
