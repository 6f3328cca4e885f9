import { z } from 'zod';
import type { ApiContext, ApiRoute } from './context.ts';
import { invalidRequest, StripeApiError } from './errors.ts';
import {
  boolParam,
  currencyParam,
  expandParam,
  idParam,
  intParam,
  listParams,
  metadataParam,
  parseParams,
  stringParam,
} from './params.ts';
import { invoiceTotal, renderInvoice, renderInvoiceItem } from './render.ts';
import { type Invoice, type InvoiceStatus, mustGet, newId, page } from './store.ts';

/** Stripe's largest amount: 8 digits of the currency's smallest unit, whatever the currency. */
const MAX_AMOUNT = 99_999_999;

const itemSchema = z
  .object({
    customer: idParam('cus'),
    // Any integer parses; Stripe's 8-digit limit is a refusal of its own (below).
    amount: intParam(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    currency: currencyParam,
    description: stringParam(500).optional(),
    invoice: idParam('in').optional(),
    metadata: metadataParam.optional(),
    expand: expandParam,
  })
  .strict();
const itemListSchema = z
  .object({ ...listParams, customer: idParam('cus').optional(), invoice: idParam('in').optional() })
  .strict();
const invoiceSchema = z
  .object({
    customer: idParam('cus'),
    auto_advance: boolParam.optional(),
    collection_method: z.enum(['charge_automatically', 'send_invoice']).optional(),
    days_until_due: intParam(0, 730).optional(),
    currency: currencyParam.optional(),
    description: stringParam(1500).optional(),
    metadata: metadataParam.optional(),
    pending_invoice_items_behavior: z.enum(['exclude', 'include']).optional(),
    expand: expandParam,
  })
  .strict();
const invoiceListSchema = z
  .object({
    ...listParams,
    customer: idParam('cus').optional(),
    status: z.enum(['draft', 'open', 'paid', 'void', 'uncollectible']).optional(),
  })
  .strict();
const expandOnly = z.object({ expand: expandParam }).strict();
const finalizeSchema = z
  .object({ auto_advance: boolParam.optional(), expand: expandParam })
  .strict();
const paySchema = z
  .object({
    paid_out_of_band: boolParam.optional(),
    payment_method: idParam('pm').optional(),
    expand: expandParam,
  })
  .strict();

const notInState = (inv: Invoice, action: string, allowed: InvoiceStatus[]) =>
  new StripeApiError(
    400,
    'invalid_request_error',
    `You can only ${action} an invoice with status ${allowed.join(' or ')}; this invoice is ${inv.status}.`,
    { code: 'invoice_not_editable', param: 'invoice' },
  );

function transition(
  ctx: ApiContext,
  inv: Invoice,
  to: InvoiceStatus,
  event: string,
  at: keyof Invoice['transitions'],
) {
  inv.status = to;
  inv.transitions[at] = ctx.now();
  const body = renderInvoice(ctx.store, inv, ctx.baseUrl);
  ctx.events.emit(event, body, ctx.request);
  return body;
}

/** Charges the customer's default (or given) payment method for what the invoice is due. */
function pay(ctx: ApiContext, inv: Invoice, pmId: string | undefined) {
  const customer = mustGet(ctx.store.customers, inv.customer, 'customer');
  const id = pmId ?? customer.defaultPaymentMethod;
  if (!id)
    throw new StripeApiError(
      400,
      'invalid_request_error',
      'This customer has no attached payment source or default payment method.',
      { code: 'invoice_payment_method_required' },
    );
  const pm = mustGet(ctx.store.paymentMethods, id, 'PaymentMethod');
  inv.attemptCount++;
  if (pm.declines) {
    ctx.events.emit(
      'invoice.payment_failed',
      renderInvoice(ctx.store, inv, ctx.baseUrl),
      ctx.request,
    );
    throw new StripeApiError(402, 'card_error', 'Your card was declined.', {
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
  }
  const body = transition(ctx, inv, 'paid', 'invoice.paid', 'paid_at');
  ctx.events.emit('invoice.payment_succeeded', body, ctx.request);
  return body;
}

export const invoiceRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/invoiceitems',
    handler(ctx, raw) {
      const p = parseParams(itemSchema, raw);
      if (Math.abs(p.amount) > MAX_AMOUNT)
        throw new StripeApiError(
          400,
          'invalid_request_error',
          `Amount must be no more than ${MAX_AMOUNT} in the smallest currency unit.`,
          { code: 'amount_too_large', param: 'amount' },
          false,
        );
      mustGet(ctx.store.customers, p.customer, 'customer');
      if (p.invoice) {
        const inv = mustGet(ctx.store.invoices, p.invoice, 'invoice');
        if (inv.customer !== p.customer)
          throw invalidRequest(
            `Invoice ${inv.id} belongs to another customer.`,
            'invoice_not_editable',
            'invoice',
          );
        if (inv.status !== 'draft')
          throw invalidRequest(
            `You can only add invoice items to a draft invoice; ${inv.id} is ${inv.status}.`,
            'invoice_not_editable',
            'invoice',
          );
        if (inv.currency !== p.currency)
          throw invalidRequest(
            `The currency of the invoice item (${p.currency}) must match the invoice's (${inv.currency}).`,
            'currency_mismatch',
            'currency',
          );
      }
      const item = {
        id: newId('ii'),
        created: ctx.now(),
        customer: p.customer,
        invoice: p.invoice ?? null,
        amount: p.amount,
        currency: p.currency,
        description: p.description ?? null,
        metadata: p.metadata ?? {},
      };
      ctx.store.invoiceItems.set(item.id, item);
      return renderInvoiceItem(item);
    },
  },
  {
    method: 'GET',
    path: '/v1/invoiceitems',
    handler(ctx, raw) {
      const p = parseParams(itemListSchema, raw);
      const all = [...ctx.store.invoiceItems.values()].filter(
        (ii) =>
          (!p.customer || ii.customer === p.customer) && (!p.invoice || ii.invoice === p.invoice),
      );
      const list = page(all, p, '/v1/invoiceitems', 'invoiceitem');
      return { ...list, data: list.data.map(renderInvoiceItem) };
    },
  },
  {
    method: 'GET',
    path: '/v1/invoiceitems/:id',
    handler(ctx, raw, path) {
      parseParams(expandOnly, raw);
      return renderInvoiceItem(mustGet(ctx.store.invoiceItems, path.id!, 'invoiceitem'));
    },
  },
  {
    method: 'POST',
    path: '/v1/invoices',
    handler(ctx, raw) {
      const p = parseParams(invoiceSchema, raw);
      mustGet(ctx.store.customers, p.customer, 'customer');
      const method = p.collection_method ?? 'charge_automatically';
      if (method === 'send_invoice' && p.days_until_due === undefined)
        throw invalidRequest(
          'Missing required param: days_until_due.',
          'parameter_missing',
          'days_until_due',
        );
      const inv: Invoice = {
        id: newId('in'),
        created: ctx.now(),
        customer: p.customer,
        currency: p.currency ?? 'usd',
        status: 'draft',
        autoAdvance: p.auto_advance ?? false,
        collectionMethod: method,
        daysUntilDue: p.days_until_due ?? null,
        description: p.description ?? null,
        metadata: p.metadata ?? {},
        number: null,
        attemptCount: 0,
        transitions: {
          finalized_at: null,
          paid_at: null,
          voided_at: null,
          marked_uncollectible_at: null,
        },
      };
      ctx.store.invoices.set(inv.id, inv);
      if (p.pending_invoice_items_behavior === 'include')
        for (const ii of ctx.store.invoiceItems.values())
          if (ii.customer === inv.customer && ii.invoice === null && ii.currency === inv.currency)
            ii.invoice = inv.id;
      const body = renderInvoice(ctx.store, inv, ctx.baseUrl);
      ctx.events.emit('invoice.created', body, ctx.request);
      return body;
    },
  },
  {
    method: 'GET',
    path: '/v1/invoices',
    handler(ctx, raw) {
      const p = parseParams(invoiceListSchema, raw);
      const all = [...ctx.store.invoices.values()].filter(
        (i) => (!p.customer || i.customer === p.customer) && (!p.status || i.status === p.status),
      );
      const list = page(all, p, '/v1/invoices', 'invoice');
      return { ...list, data: list.data.map((i) => renderInvoice(ctx.store, i, ctx.baseUrl)) };
    },
  },
  {
    method: 'GET',
    path: '/v1/invoices/:id',
    handler(ctx, raw, path) {
      parseParams(expandOnly, raw);
      return renderInvoice(
        ctx.store,
        mustGet(ctx.store.invoices, path.id!, 'invoice'),
        ctx.baseUrl,
      );
    },
  },
  {
    method: 'POST',
    path: '/v1/invoices/:id/finalize',
    handler(ctx, raw, path) {
      const p = parseParams(finalizeSchema, raw);
      const inv = mustGet(ctx.store.invoices, path.id!, 'invoice');
      if (inv.status !== 'draft') throw notInState(inv, 'finalize', ['draft']);
      if (p.auto_advance !== undefined) inv.autoAdvance = p.auto_advance;
      inv.number = `${inv.id.slice(3, 11).toUpperCase()}-${String(++ctx.store.invoiceNumbers).padStart(4, '0')}`;
      const body = transition(ctx, inv, 'open', 'invoice.finalized', 'finalized_at');
      // Nothing due (zero or credit): Stripe marks the invoice paid at once.
      if (invoiceTotal(ctx.store, inv.id) <= 0)
        return transition(ctx, inv, 'paid', 'invoice.paid', 'paid_at');
      return body;
    },
  },
  {
    method: 'POST',
    path: '/v1/invoices/:id/pay',
    handler(ctx, raw, path) {
      const p = parseParams(paySchema, raw);
      const inv = mustGet(ctx.store.invoices, path.id!, 'invoice');
      if (inv.status !== 'open') throw notInState(inv, 'pay', ['open']);
      if (p.paid_out_of_band) return transition(ctx, inv, 'paid', 'invoice.paid', 'paid_at');
      return pay(ctx, inv, p.payment_method);
    },
  },
  {
    method: 'POST',
    path: '/v1/invoices/:id/void',
    handler(ctx, raw, path) {
      parseParams(expandOnly, raw);
      const inv = mustGet(ctx.store.invoices, path.id!, 'invoice');
      if (inv.status !== 'open' && inv.status !== 'uncollectible')
        throw notInState(inv, 'void', ['open', 'uncollectible']);
      return transition(ctx, inv, 'void', 'invoice.voided', 'voided_at');
    },
  },
  {
    method: 'POST',
    path: '/v1/invoices/:id/mark_uncollectible',
    handler(ctx, raw, path) {
      parseParams(expandOnly, raw);
      const inv = mustGet(ctx.store.invoices, path.id!, 'invoice');
      if (inv.status !== 'open') throw notInState(inv, 'mark uncollectible', ['open']);
      return transition(
        ctx,
        inv,
        'uncollectible',
        'invoice.marked_uncollectible',
        'marked_uncollectible_at',
      );
    },
  },
];
