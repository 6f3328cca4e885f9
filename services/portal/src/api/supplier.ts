import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

/** A supplier's own dispatches, open ones first (issue 12, supplier pages). */
export function useSupplierDispatches(cursor: string | undefined) {
  return useQuery({
    queryKey: ['supplier.dispatches.list', cursor],
    queryFn: () => api.supplier.dispatches.list.query({ limit: 25, cursor }),
  });
}

/** Every answer to a dispatch refreshes the list: the dispatch moved on. */
function useDispatchChange<I>(fn: (input: I) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: ['supplier.dispatches.list'] }),
  });
}

export const useAcknowledge = () =>
  useDispatchChange((v: { dispatchId: string; expectedShipAt: string }) =>
    api.supplier.dispatches.acknowledge.mutate(v),
  );

export const useReject = () =>
  useDispatchChange((v: { dispatchId: string; reason: string }) =>
    api.supplier.dispatches.reject.mutate(v),
  );

export const useShip = () =>
  useDispatchChange((v: { dispatchId: string; trackingNumber?: string; carrier?: string }) =>
    api.supplier.dispatches.ship.mutate(v),
  );

export function useBatches() {
  return useQuery({
    queryKey: ['supplier.files.batches'],
    queryFn: () => api.supplier.files.batches.query(),
  });
}

export const fetchLabel = (dispatchId: string) =>
  api.supplier.dispatches.label.query({ dispatchId });

export const fetchBatch = (batchId: string) => api.supplier.files.downloadBatch.query({ batchId });

export function useUploadAnswers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { fileName: string; content: string }) =>
      api.supplier.files.uploadAnswers.mutate(v),
    onSuccess: () => client.invalidateQueries({ queryKey: ['supplier.dispatches.list'] }),
  });
}

export function useUploadStock() {
  return useMutation({
    mutationFn: (content: string) => api.supplier.catalog.uploadStock.mutate({ content }),
  });
}
