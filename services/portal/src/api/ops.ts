import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Inputs } from './types.ts';

/** Operator pages (issue 12): views across tenants and the operator's own actions. */
/** One keyset page of tenants, oldest first. */
export const useTenants = (cursor?: string, limit = 50) =>
  useQuery({
    queryKey: ['ops.tenants.list', cursor, limit],
    queryFn: () => api.ops.tenants.list.query({ limit, ...(cursor && { cursor }) }),
  });

export const useScorecards = (cursor: string | undefined) =>
  useQuery({
    queryKey: ['ops.suppliers.scorecards', cursor],
    queryFn: () => api.ops.suppliers.scorecards.query({ limit: 50, ...(cursor && { cursor }) }),
  });

export const useSlaBoard = () =>
  useQuery({ queryKey: ['ops.sla.board'], queryFn: () => api.ops.sla.board.query() });

export const useCloses = () =>
  useQuery({ queryKey: ['ops.billing.closes'], queryFn: () => api.ops.billing.closes.query() });

export function useAlerts(open: boolean, cursor: string | undefined) {
  return useQuery({
    queryKey: ['ops.alerts.list', open, cursor],
    queryFn: () => api.ops.alerts.list.query({ limit: 50, open, ...(cursor && { cursor }) }),
  });
}

export function useAckAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.ops.alerts.ack.mutate({ id }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['ops.alerts.list'] }),
  });
}

export function useAdjust() {
  return useMutation({
    mutationFn: (v: Inputs['ops']['billing']['adjust']) => api.ops.billing.adjust.mutate(v),
  });
}

export function useCloseMonth() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { tenantId: string; period: string }) => api.ops.billing.close.mutate(v),
    onSuccess: () => client.invalidateQueries({ queryKey: ['ops.billing.closes'] }),
  });
}
