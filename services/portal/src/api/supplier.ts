import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Outputs } from './types.ts';
import { postFile } from './upload.ts';

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

/** Files go by the api's file route (api/upload.ts), so a file past tRPC's body limit fits. */
export function useUploadAnswers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      postFile<Outputs['supplier']['files']['uploadAnswers']>(
        `/portal-files/supplier/answers?${new URLSearchParams({ name: file.name })}`,
        file,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['supplier.dispatches.list'] }),
  });
}

export function useUploadStock() {
  return useMutation({
    mutationFn: (file: File) =>
      postFile<Outputs['supplier']['catalog']['uploadStock']>('/portal-files/supplier/stock', file),
  });
}
