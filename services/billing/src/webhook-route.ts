import { isStripeEventKept } from '@switchyard/db';
import { receiveStripeEvent, type Stripe, type StripeDeps } from '@switchyard/stripe-billing';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** Stripe's own tolerance: a signature older (or newer) than 5 minutes is refused. */
export const WEBHOOK_TOLERANCE_S = 300;
const MAX_BODY_BYTES = 256 * 1024;

const refuse = (code: string, message: string) => ({ error: { code, message } });

/**
 * `POST /webhooks/stripe`: the signature is verified on the raw body before anything is parsed
 * or stored; a verified event is kept in the inbox by id and applied (a hint: the object is
 * fetched again). 200 once kept, even if applying failed: the sweep applies it again, and
 * Stripe need not resend. 503 only when the event could not be kept, so that Stripe retries.
 */
export function stripeWebhookRoute(
  deps: StripeDeps & {
    webhookSecret: string;
    log: (m: string, e?: unknown) => void;
    /** Milliseconds since the epoch. */
    clockMs: () => number;
  },
) {
  const app = new Hono();
  app.post(
    '/',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(refuse('WEBHOOK_TOO_LARGE', 'the body is too large'), 413),
    }),
    async (c) => {
      const signature = c.req.header('stripe-signature');
      if (!signature) return c.json(refuse('WEBHOOK_UNSIGNED', 'Stripe-Signature is missing'), 400);
      const raw = await c.req.text();
      // The SDK refuses only signatures older than the tolerance; one from the future is as
      // suspect (a clock far off, or a signature made ahead to be replayed later).
      const t = Number(/(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(signature)?.[1]);
      if (Number.isFinite(t) && t - deps.clockMs() / 1000 > WEBHOOK_TOLERANCE_S)
        return c.json(refuse('WEBHOOK_STALE', 'the signature timestamp is outside 300 s'), 400);
      let event: Stripe.Event;
      try {
        event = deps.stripe.webhooks.constructEvent(
          raw,
          signature,
          deps.webhookSecret,
          WEBHOOK_TOLERANCE_S,
        );
      } catch (err) {
        const stale = /tolerance/i.test((err as Error).message);
        return stale
          ? c.json(refuse('WEBHOOK_STALE', 'the signature timestamp is outside 300 s'), 400)
          : c.json(refuse('WEBHOOK_SIGNATURE_INVALID', 'the signature does not verify'), 400);
      }
      if (!/^evt_\w{1,250}$/.test(String(event.id)) || typeof event.type !== 'string')
        return c.json(refuse('WEBHOOK_INVALID', 'not a Stripe event'), 400);
      try {
        const outcome = await receiveStripeEvent(deps, event);
        return c.json({ received: true, outcome });
      } catch (err) {
        // Kept but not applied: the sweep applies it later. Not kept: Stripe must retry.
        const kept = await isStripeEventKept(deps.db, event.id).catch(() => false);
        deps.log(`stripe event ${event.id} (${event.type}) not applied`, err);
        return kept
          ? c.json({ received: true, outcome: 'deferred' })
          : c.json(refuse('TRY_AGAIN_LATER', 'the event could not be stored'), 503);
      }
    },
  );
  return app;
}
