import { z } from 'zod';
import type { ApiRoute } from './context.ts';
import { invalidRequest } from './errors.ts';
import {
  expandParam,
  idParam,
  intParam,
  listParams,
  metadataParam,
  parseParams,
  stringParam,
} from './params.ts';
import { renderCustomer, renderPaymentMethod } from './render.ts';
import { type Customer, mustGet, newId, page } from './store.ts';

const fields = {
  email: z.string().max(512).optional(),
  name: stringParam(256).optional(),
  description: stringParam(350).optional(),
  metadata: metadataParam.optional(),
  expand: expandParam,
};
const createSchema = z.object(fields).strict();
const updateSchema = z
  .object({
    ...fields,
    invoice_settings: z
      .object({ default_payment_method: z.union([idParam('pm'), z.literal('')]).optional() })
      .strict()
      .optional(),
  })
  .strict();
const listSchema = z.object({ ...listParams, email: z.string().max(512).optional() }).strict();
const searchSchema = z
  .object({
    query: z.string().min(1).max(1000),
    limit: intParam(1, 100).optional(),
    page: z.string().max(255).optional(),
    expand: expandParam,
  })
  .strict();

const mergeMetadata = (old: Record<string, string>, patch: Record<string, string> | undefined) => {
  if (!patch) return old;
  const next = { ...old, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === '') delete next[k];
  return next;
};

/**
 * Stripe's search query language, the part the platform uses: clauses `field:'value'` joined by
 * AND, on `email`, `name` and `metadata['key']`.
 */
function parseSearch(query: string): (c: Customer) => boolean {
  const clauses = query.split(/\s+AND\s+/);
  const tests = clauses.map((clause) => {
    const m = /^\s*(email|name|metadata\['([^']{1,40})'\])\s*:\s*'([^']*)'\s*$/.exec(clause);
    if (!m)
      throw invalidRequest(`Invalid search query: ${query}`, 'parameter_invalid_string', 'query');
    const [, field, key, value] = m;
    return (c: Customer) =>
      key !== undefined ? c.metadata[key] === value : c[field as 'email' | 'name'] === value;
  });
  return (c) => tests.every((t) => t(c));
}

export const customerRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/customers',
    handler(ctx, raw) {
      const p = parseParams(createSchema, raw);
      const c: Customer = {
        id: newId('cus'),
        created: ctx.now(),
        email: p.email ?? null,
        name: p.name ?? null,
        description: p.description ?? null,
        metadata: mergeMetadata({}, p.metadata),
        defaultPaymentMethod: null,
      };
      ctx.store.customers.set(c.id, c);
      const body = renderCustomer(c);
      ctx.events.emit('customer.created', body, ctx.request);
      return body;
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/search',
    handler(ctx, raw) {
      const p = parseParams(searchSchema, raw);
      const match = parseSearch(p.query);
      const all = [...ctx.store.customers.values()].reverse().filter(match);
      const start = p.page ? Number(p.page) || 0 : 0;
      const limit = p.limit ?? 10;
      const more = start + limit < all.length;
      return {
        object: 'search_result',
        data: all.slice(start, start + limit).map(renderCustomer),
        has_more: more,
        next_page: more ? String(start + limit) : null,
        url: '/v1/customers/search',
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/customers',
    handler(ctx, raw) {
      const p = parseParams(listSchema, raw);
      const all = [...ctx.store.customers.values()].filter((c) => !p.email || c.email === p.email);
      const list = page(all, p, '/v1/customers', 'customer');
      return { ...list, data: list.data.map(renderCustomer) };
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/:id',
    handler(ctx, raw, path) {
      parseParams(z.object({ expand: expandParam }).strict(), raw);
      return renderCustomer(mustGet(ctx.store.customers, path.id!, 'customer'));
    },
  },
  {
    method: 'POST',
    path: '/v1/customers/:id',
    handler(ctx, raw, path) {
      const c = mustGet(ctx.store.customers, path.id!, 'customer');
      const p = parseParams(updateSchema, raw);
      const pm = p.invoice_settings?.default_payment_method;
      if (pm) {
        const method = mustGet(ctx.store.paymentMethods, pm, 'PaymentMethod');
        if (method.customer !== c.id)
          throw invalidRequest(
            `The customer does not have a payment method with the ID ${pm}. The payment method must be attached to the customer.`,
            'resource_missing',
            'invoice_settings[default_payment_method]',
          );
      }
      if (p.email !== undefined) c.email = p.email || null;
      if (p.name !== undefined) c.name = p.name || null;
      if (p.description !== undefined) c.description = p.description || null;
      c.metadata = mergeMetadata(c.metadata, p.metadata);
      if (pm !== undefined) c.defaultPaymentMethod = pm || null;
      const body = renderCustomer(c);
      ctx.events.emit('customer.updated', body, ctx.request);
      return body;
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/:id/payment_methods',
    handler(ctx, raw, path) {
      const p = parseParams(z.object({ ...listParams, type: z.string().optional() }).strict(), raw);
      const c = mustGet(ctx.store.customers, path.id!, 'customer');
      const all = [...ctx.store.paymentMethods.values()].filter((pm) => pm.customer === c.id);
      const list = page(all, p, `/v1/customers/${c.id}/payment_methods`, 'PaymentMethod');
      return { ...list, data: list.data.map(renderPaymentMethod) };
    },
  },
];
