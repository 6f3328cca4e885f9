import { z } from 'zod';
import type { ApiContext, ApiRoute } from './context.ts';
import { invalidRequest } from './errors.ts';
import { currencyParam, expandParam, idParam, metadataParam, parseParams } from './params.ts';
import { renderCheckoutSession, renderPaymentMethod } from './render.ts';
import { type CheckoutSession, mustGet, newId } from './store.ts';

const urlParam = z
  .string()
  .max(5000)
  .refine((u) => /^https?:\/\//.test(u) && URL.canParse(u), 'url_invalid');
const sessionSchema = z
  .object({
    mode: z.literal('setup', { message: 'parameter_invalid_string' }),
    customer: idParam('cus'),
    currency: currencyParam.optional(),
    success_url: urlParam,
    cancel_url: urlParam.optional(),
    payment_method_types: z.array(z.literal('card')).optional(),
    metadata: metadataParam.optional(),
    expand: expandParam,
  })
  .strict();

/** Test cards: 4242… is attached and pays, 4000 0000 0000 0002 is attached and declines. */
export const TEST_CARDS = { pays: '4242424242424242', declines: '4000000000000002' } as const;

export const checkoutRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/checkout/sessions',
    handler(ctx, raw) {
      const p = parseParams(sessionSchema, raw);
      mustGet(ctx.store.customers, p.customer, 'customer');
      if (!p.currency && !p.payment_method_types)
        throw invalidRequest(
          'currency is required in setup mode when payment_method_types is not set.',
          'parameter_missing',
          'currency',
        );
      const s: CheckoutSession = {
        id: `cs_test_${newId('x').slice(2)}`,
        created: ctx.now(),
        customer: p.customer,
        currency: p.currency ?? null,
        successUrl: p.success_url,
        cancelUrl: p.cancel_url ?? null,
        status: 'open',
        setupIntent: newId('seti'),
        paymentMethod: null,
        metadata: p.metadata ?? {},
      };
      ctx.store.checkoutSessions.set(s.id, s);
      return renderCheckoutSession(s, ctx.baseUrl);
    },
  },
  {
    method: 'GET',
    path: '/v1/checkout/sessions/:id',
    handler(ctx, raw, path) {
      parseParams(z.object({ expand: expandParam }).strict(), raw);
      return renderCheckoutSession(
        mustGet(ctx.store.checkoutSessions, path.id!, 'checkout.session'),
        ctx.baseUrl,
      );
    },
  },
  {
    method: 'GET',
    path: '/v1/setup_intents/:id',
    handler(ctx, raw, path) {
      parseParams(z.object({ expand: expandParam }).strict(), raw);
      const s = [...ctx.store.checkoutSessions.values()].find((x) => x.setupIntent === path.id);
      if (!s) return mustGet(new Map(), path.id!, 'setup_intent');
      return {
        id: s.setupIntent,
        object: 'setup_intent',
        customer: s.customer,
        payment_method: s.paymentMethod,
        status: s.paymentMethod ? 'succeeded' : 'requires_payment_method',
        usage: 'off_session',
        livemode: false,
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_methods/:id',
    handler(ctx, raw, path) {
      parseParams(z.object({ expand: expandParam }).strict(), raw);
      return renderPaymentMethod(mustGet(ctx.store.paymentMethods, path.id!, 'PaymentMethod'));
    },
  },
];

/**
 * The hosted page's "save card": attaches a card to the session's customer and completes the
 * session, with the events Stripe sends. Returns where the browser goes next, or an error to
 * show on the page.
 */
export function completeSetup(
  ctx: ApiContext,
  sessionId: string,
  cardNumber: string,
): { redirect: string } | { error: string } {
  const s = ctx.store.checkoutSessions.get(sessionId);
  if (s?.status !== 'open') return { error: 'This setup page has expired or was used.' };
  const digits = cardNumber.replace(/\s+/g, '');
  if (digits !== TEST_CARDS.pays && digits !== TEST_CARDS.declines)
    return { error: 'Your card number is invalid. Use a test card such as 4242 4242 4242 4242.' };
  const pm = {
    id: newId('pm'),
    created: ctx.now(),
    customer: s.customer,
    last4: digits.slice(-4),
    declines: digits === TEST_CARDS.declines,
  };
  ctx.store.paymentMethods.set(pm.id, pm);
  s.paymentMethod = pm.id;
  s.status = 'complete';
  ctx.events.emit('payment_method.attached', renderPaymentMethod(pm), ctx.request);
  ctx.events.emit('checkout.session.completed', renderCheckoutSession(s, ctx.baseUrl), ctx.request);
  return { redirect: s.successUrl.replace('{CHECKOUT_SESSION_ID}', s.id) };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The hosted setup page: a card form a browser (or a test) fills and submits. */
export function setupPage(session: CheckoutSession | undefined, error?: string): string {
  if (session?.status !== 'open')
    return page(
      'Setup unavailable',
      '<p role="alert">This setup page has expired or was used.</p>',
    );
  return page(
    'Save a payment method',
    `<h1>Save a card for future invoices</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/c/setup/${escapeHtml(session.id)}">
  <label>Card number <input name="card_number" inputmode="numeric" autocomplete="cc-number" required></label>
  <label>Expiry <input name="expiry" placeholder="MM / YY" value="12 / 34"></label>
  <label>CVC <input name="cvc" value="123"></label>
  <button type="submit">Save card</button>
</form>
${session.cancelUrl ? `<a href="${escapeHtml(session.cancelUrl)}">Cancel</a>` : ''}`,
  );
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
