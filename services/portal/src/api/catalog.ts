import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { SkuMappingInput } from './types.ts';
import { postFile } from './upload.ts';

export function useSkuMappings(cursor: string | undefined) {
  return useQuery({
    queryKey: ['skuMappings.list', cursor],
    queryFn: () => api.skuMappings.list.query({ limit: 50, cursor }),
  });
}

/** Saving a mapping re-checks held orders on the server; mapping and order views refresh. */
export function useUpsertSkuMapping() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SkuMappingInput) => api.skuMappings.upsert.mutate(input),
    onSuccess: () =>
      client.invalidateQueries({
        predicate: (q) => /^(skuMappings|orders)\./.test(String(q.queryKey[0])),
      }),
  });
}

/** The api's report of a mapping file: each row saved or refused with its line and code. */
export interface SkuMappingFileReport {
  saved: number;
  refused: number;
  results: Array<{
    line: number;
    marketplaceSkuId: string;
    outcome: 'saved' | 'refused';
    code: string | null;
    message: string | null;
  }>;
}

/** A mapping file goes whole by the api's file route (api/upload.ts), not row by row. */
export function useUploadSkuMappings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => postFile<SkuMappingFileReport>('/portal-files/sku-mappings', file),
    onSuccess: () =>
      client.invalidateQueries({
        predicate: (q) => /^(skuMappings|orders)\./.test(String(q.queryKey[0])),
      }),
  });
}

export function useSuppliers(cursor: string | undefined) {
  return useQuery({
    queryKey: ['suppliers.list', cursor],
    queryFn: () => api.suppliers.list.query({ limit: 50, cursor }),
  });
}

export type Preference = 'pin' | 'exclude' | 'none';

export function useSetPreference() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { supplierId: string; preference: Preference }) =>
      v.preference === 'pin'
        ? api.suppliers.setPreference.mutate({ ...v, preference: 'pin', position: 0 })
        : api.suppliers.setPreference.mutate({
            supplierId: v.supplierId,
            preference: v.preference,
          }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['suppliers.list'] }),
  });
}
