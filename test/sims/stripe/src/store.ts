import { randomBytes } from 'node:crypto';
import { StripeApiError } from './errors.ts';

export interface Customer {
  id: string;
  created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
  defaultPaymentMethod: string | null;
}

export interface PaymentMethod {
  id: string;
  created: number;
  customer: string | null;
  /** `4242…` pays; `4000 0000 0000 0002` is attached but declines every charge. */
  last4: string;
  declines: boolean;
}

export interface InvoiceItem {
  id: string;
  created: number;
  customer: string;
  invoice: string | null;
  amount: number;
  currency: string;
  description: string | null;
  metadata: Record<string, string>;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';

export interface Invoice {
  id: string;
  created: number;
  customer: string;
  currency: string;
  status: InvoiceStatus;
  autoAdvance: boolean;
  collectionMethod: 'charge_automatically' | 'send_invoice';
  daysUntilDue: number | null;
  description: string | null;
  metadata: Record<string, string>;
  number: string | null;
  attemptCount: number;
  transitions: {
    finalized_at: number | null;
    paid_at: number | null;
    voided_at: number | null;
    marked_uncollectible_at: number | null;
  };
}

export interface CheckoutSession {
  id: string;
  created: number;
  customer: string;
  currency: string | null;
  successUrl: string;
  cancelUrl: string | null;
  status: 'open' | 'complete' | 'expired';
  setupIntent: string;
  paymentMethod: string | null;
  metadata: Record<string, string>;
}

/** Everything the simulated account holds, in creation order. */
export interface Store {
  customers: Map<string, Customer>;
  paymentMethods: Map<string, PaymentMethod>;
  invoiceItems: Map<string, InvoiceItem>;
  invoices: Map<string, Invoice>;
  checkoutSessions: Map<string, CheckoutSession>;
  invoiceNumbers: number;
}

export function createStore(): Store {
  return {
    customers: new Map(),
    paymentMethods: new Map(),
    invoiceItems: new Map(),
    invoices: new Map(),
    checkoutSessions: new Map(),
    invoiceNumbers: 0,
  };
}

/** Ids shaped like Stripe's: a prefix and 24 characters. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').slice(0, 24)}`;
}

export function mustGet<T>(map: Map<string, T>, id: string, kind: string): T {
  const v = map.get(id);
  if (!v)
    throw new StripeApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, {
      code: 'resource_missing',
      param: 'id',
    });
  return v;
}

/**
 * Stripe's list pages: newest first, `limit` (default 10), `starting_after` / `ending_before`
 * cursors that must name an object of the list's kind.
 */
export function page<T extends { id: string }>(
  items: T[],
  opts: { limit?: number; starting_after?: string; ending_before?: string },
  url: string,
  kind: string,
): { object: 'list'; data: T[]; has_more: boolean; url: string } {
  const newestFirst = [...items].reverse();
  const limit = opts.limit ?? 10;
  const cursor = (id: string, param: string) => {
    const i = newestFirst.findIndex((x) => x.id === id);
    if (i < 0)
      throw new StripeApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, {
        code: 'resource_missing',
        param,
      });
    return i;
  };
  if (opts.ending_before !== undefined) {
    const end = cursor(opts.ending_before, 'ending_before');
    const start = Math.max(0, end - limit);
    return { object: 'list', data: newestFirst.slice(start, end), has_more: start > 0, url };
  }
  const start =
    opts.starting_after !== undefined ? cursor(opts.starting_after, 'starting_after') + 1 : 0;
  const data = newestFirst.slice(start, start + limit);
  return { object: 'list', data, has_more: start + limit < newestFirst.length, url };
}
