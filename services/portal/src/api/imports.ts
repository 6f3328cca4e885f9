import type { ImportReport } from '@switchyard/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Inputs } from './types.ts';
import { postFile } from './upload.ts';

/** The api's report of an order import: good orders are kept, each refused one is listed. */
export type { ImportReport };

/** The tenant's file-only shops (the first 200: a seller has a handful). */
export function useCsvShops() {
  return useQuery({
    queryKey: ['shops.list', 'csv'],
    queryFn: async () =>
      (await api.shops.list.query({ limit: 200 })).items.filter((s) => s.mode === 'csv'),
  });
}

export function useCreateCsvShop() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Inputs['shops']['createCsvShop']) => api.shops.createCsvShop.mutate(input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['shops.list'] }),
  });
}

/** Uploads a seller-center order export to a CSV shop; new orders appear in the order views. */
export function useImportOrders() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ shopId, file }: { shopId: string; file: File }) =>
      postFile<ImportReport>(
        `/v1/imports/orders?${new URLSearchParams({ shop_id: shopId, filename: file.name.slice(0, 200) })}`,
        file,
      ),
    onSuccess: () =>
      client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('orders.') }),
  });
}
