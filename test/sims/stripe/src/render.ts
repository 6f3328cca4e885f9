import type {
  CheckoutSession,
  Customer,
  Invoice,
  InvoiceItem,
  PaymentMethod,
  Store,
} from './store.ts';

/** The objects as Stripe's API returns them (the fields the platform and its tests read). */
export function renderCustomer(c: Customer) {
  return {
    id: c.id,
    object: 'customer' as const,
    created: c.created,
    email: c.email,
    name: c.name,
    description: c.description,
    metadata: c.metadata,
    balance: 0,
    currency: null,
    delinquent: false,
    invoice_prefix: c.id.slice(4, 12).toUpperCase(),
    invoice_settings: { default_payment_method: c.defaultPaymentMethod, footer: null },
    livemode: false,
  };
}

export function renderPaymentMethod(pm: PaymentMethod) {
  return {
    id: pm.id,
    object: 'payment_method' as const,
    created: pm.created,
    customer: pm.customer,
    type: 'card' as const,
    card: { brand: 'visa', last4: pm.last4, exp_month: 12, exp_year: 2034, country: 'US' },
    livemode: false,
    metadata: {},
  };
}

export function renderInvoiceItem(ii: InvoiceItem) {
  return {
    id: ii.id,
    object: 'invoiceitem' as const,
    amount: ii.amount,
    currency: ii.currency,
    customer: ii.customer,
    date: ii.created,
    description: ii.description,
    invoice: ii.invoice,
    metadata: ii.metadata,
    quantity: 1,
    livemode: false,
  };
}

/** The items on an invoice, oldest first as Stripe lists lines. */
export function invoiceLines(store: Store, invoiceId: string): InvoiceItem[] {
  return [...store.invoiceItems.values()].filter((ii) => ii.invoice === invoiceId);
}

export function invoiceTotal(store: Store, invoiceId: string): number {
  return invoiceLines(store, invoiceId).reduce((sum, ii) => sum + ii.amount, 0);
}

export function renderInvoice(store: Store, inv: Invoice, baseUrl: string) {
  const lines = invoiceLines(store, inv.id);
  const total = lines.reduce((sum, ii) => sum + ii.amount, 0);
  // A negative total is owed to the customer as credit: nothing is due.
  const due = Math.max(total, 0);
  const paid = inv.status === 'paid' ? due : 0;
  const finalized = inv.status !== 'draft';
  return {
    id: inv.id,
    object: 'invoice' as const,
    created: inv.created,
    customer: inv.customer,
    currency: inv.currency,
    status: inv.status,
    auto_advance: inv.autoAdvance,
    collection_method: inv.collectionMethod,
    days_until_due: inv.daysUntilDue,
    description: inv.description,
    metadata: inv.metadata,
    number: inv.number,
    subtotal: total,
    total,
    amount_due: due,
    amount_paid: paid,
    amount_remaining: inv.status === 'open' ? due : 0,
    attempt_count: inv.attemptCount,
    attempted: inv.attemptCount > 0,
    status_transitions: inv.transitions,
    hosted_invoice_url: finalized ? `${baseUrl}/i/${inv.id}` : null,
    invoice_pdf: finalized ? `${baseUrl}/i/${inv.id}/pdf` : null,
    lines: {
      object: 'list' as const,
      data: lines.map((ii) => ({
        id: `il_${ii.id.slice(3)}`,
        object: 'line_item' as const,
        amount: ii.amount,
        currency: ii.currency,
        description: ii.description,
        invoice: inv.id,
        metadata: ii.metadata,
        quantity: 1,
        parent: {
          type: 'invoice_item_details' as const,
          invoice_item_details: { invoice_item: ii.id },
        },
      })),
      has_more: false,
      total_count: lines.length,
      url: `/v1/invoices/${inv.id}/lines`,
    },
    livemode: false,
  };
}

export function renderCheckoutSession(s: CheckoutSession, baseUrl: string) {
  return {
    id: s.id,
    object: 'checkout.session' as const,
    created: s.created,
    customer: s.customer,
    currency: s.currency,
    mode: 'setup' as const,
    status: s.status,
    success_url: s.successUrl,
    cancel_url: s.cancelUrl,
    setup_intent: s.setupIntent,
    metadata: s.metadata,
    url: s.status === 'open' ? `${baseUrl}/c/setup/${s.id}` : null,
    livemode: false,
  };
}
