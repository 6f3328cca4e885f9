import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Inputs, OrderStatus } from './types.ts';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'received',
  'on_hold',
  'dispatched',
  'acknowledged',
  'partially_shipped',
  'shipped',
  'completed',
  'cancelled',
  'failed',
];

/** Orders not yet handed to the carrier: the ones a deadline can still be missed for. */
export const OPEN_STATUSES: readonly OrderStatus[] = [
  'received',
  'on_hold',
  'dispatched',
  'acknowledged',
  'partially_shipped',
];

type ListInput = Inputs['orders']['list'];

export function useOrders(input: ListInput) {
  return useQuery({
    queryKey: ['orders.list', input],
    queryFn: () => api.orders.list.query(input),
  });
}

export function useOrder(id: string) {
  return useQuery({ queryKey: ['orders.get', id], queryFn: () => api.orders.get.query({ id }) });
}

export function useDiagnosis(id: string) {
  return useQuery({
    queryKey: ['orders.diagnose', id],
    queryFn: () => api.orders.diagnose.query({ id }),
  });
}

/** After a fix, every order view is stale: the order moves on by itself from here. */
function useInvalidateOrders() {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({
      predicate: (q) => String(q.queryKey[0]).startsWith('orders.'),
    });
}

export function useRecheck() {
  const invalidate = useInvalidateOrders();
  return useMutation({
    mutationFn: (id: string) => api.orders.recheck.mutate({ id }),
    onSuccess: invalidate,
  });
}

export function useUpdateAddress() {
  const invalidate = useInvalidateOrders();
  return useMutation({
    mutationFn: (input: Inputs['orders']['updateAddress']) =>
      api.orders.updateAddress.mutate(input),
    onSuccess: invalidate,
  });
}

export function usePromiseReport(days: number) {
  return useQuery({
    queryKey: ['reports.promise', days],
    queryFn: () => api.reports.promise.query({ days }),
  });
}

/** Orders per day of the last `days`, days on the reader's clock (`timeZone`). */
export function useDailyReport(days: number, timeZone: string) {
  return useQuery({
    queryKey: ['reports.daily', days, timeZone],
    queryFn: () => api.reports.daily.query({ days, timeZone }),
  });
}
