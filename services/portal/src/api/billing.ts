import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

export function usePeriodToDate() {
  return useQuery({
    queryKey: ['billing.periodToDate'],
    queryFn: () => api.billing.periodToDate.query({}),
  });
}

export function useEstimate() {
  return useQuery({ queryKey: ['billing.estimate'], queryFn: () => api.billing.estimate.query() });
}

export function useInvoices(cursor: string | undefined) {
  return useQuery({
    queryKey: ['billing.invoices', cursor],
    queryFn: () => api.billing.invoices.query({ limit: 12, ...(cursor && { cursor }) }),
  });
}

export function useLedger(cursor: string | undefined, orderId: string | undefined) {
  return useQuery({
    queryKey: ['billing.ledger', cursor, orderId],
    queryFn: () =>
      api.billing.ledger.query({
        limit: 25,
        ...(cursor && { cursor }),
        ...(orderId && { orderId }),
      }),
  });
}

/**
 * Asks for Stripe's hosted payment-method page and goes there. The request id is made once per
 * click, so the client's own retry of the same click gets the same page.
 */
export function usePaymentMethodLink() {
  return useMutation({
    mutationFn: () => api.billing.paymentMethodLink.mutate({ requestId: crypto.randomUUID() }),
    onSuccess: (link) => window.location.assign(link.url),
  });
}

export function usePaymentMethod() {
  return useQuery({
    queryKey: ['billing.paymentMethod'],
    queryFn: () => api.billing.paymentMethod.query(),
  });
}
