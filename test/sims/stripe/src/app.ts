import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { behaviourPatchSchema, type StripeBehaviour, takeFailure } from './behaviour.ts';
import { checkoutRoutes, completeSetup, setupPage } from './checkout.ts';
import type { ApiContext, ApiRoute } from './context.ts';
import { customerRoutes } from './customers.ts';
import { StripeApiError } from './errors.ts';
import { canonicalParams, type FormObject, parseForm } from './form.ts';
import { createIdempotencyStore } from './idempotency.ts';
import { invoiceRoutes } from './invoices.ts';
import { renderInvoice } from './render.ts';
import type { Store } from './store.ts';
import type { WebhookEndpoint, WebhookOutbox } from './webhooks.ts';

/** A request to `/v1`, as sent, for the contract test that replays them against stripe-mock. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string (GET) or form body (POST), exactly as received. */
  body: string;
  idempotencyKey: string | null;
  status: number;
  replayed: boolean;
}

export interface StripeAppDeps {
  store: Store;
  events: WebhookOutbox;
  behaviour: StripeBehaviour;
  apiKeys: readonly string[];
  now: () => number;
  baseUrl: () => string;
  webhook: { current: WebhookEndpoint | null };
  signal: AbortSignal;
  record: (r: RecordedRequest) => void;
  requests: () => RecordedRequest[];
}

const MAX_BODY_BYTES = 512 * 1024;
const routes: ApiRoute[] = [...customerRoutes, ...invoiceRoutes, ...checkoutRoutes];
const webhookSchema = z
  .object({ url: z.url(), secret: z.string().regex(/^whsec_[A-Za-z0-9+/=_-]{8,}$/) })
  .strict()
  .nullable();

const answer = (c: Context, e: StripeApiError) => c.json(e.body(), e.status);

/**
 * Stripe's API as the `stripe` SDK sees it: API-key auth, form-encoded parameters, Stripe's
 * objects, errors and pagination, idempotency keys, failures on command; a hosted setup page; a
 * control API under `/__control` for tests and the dev runner.
 */
export function createStripeApp(deps: StripeAppDeps): Hono {
  const app = new Hono();
  const idempotency = createIdempotencyStore();
  const keys = deps.apiKeys.map((k) => Buffer.from(k));
  const keyOk = (given: string) => {
    const g = Buffer.from(given);
    return keys.some((k) => k.length === g.length && timingSafeEqual(k, g));
  };

  app.get('/health', (c) => c.json({ ok: true }));

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        answer(c, new StripeApiError(413, 'invalid_request_error', 'Request body is too large.')),
    }),
  );

  for (const route of routes) {
    app.on(route.method, route.path, async (c) => {
      const requestId = `req_${randomBytes(9).toString('hex')}`;
      c.header('Request-Id', requestId);
      const label = `${route.method} ${c.req.path}`;
      const idemKey = c.req.header('idempotency-key') ?? null;
      const rawBody =
        route.method === 'GET' ? new URL(c.req.url).search.slice(1) : await c.req.text();
      const log = (status: number, replayed = false) =>
        deps.record({
          method: route.method,
          path: c.req.path,
          body: rawBody,
          idempotencyKey: idemKey,
          status,
          replayed,
        });

      const failing = takeFailure(deps.behaviour, label);
      if (failing && deps.behaviour.failMode !== 'lost_response') {
        if (deps.behaviour.failMode === 'timeout') await sleep(deps.behaviour.hangMs, deps.signal);
        log(503);
        c.header('Stripe-Should-Retry', 'true');
        return answer(
          c,
          new StripeApiError(503, 'api_error', 'Stripe is temporarily unavailable.'),
        );
      }
      const auth = authenticate(c.req.header('authorization'), keyOk);
      if (auth instanceof StripeApiError) {
        log(401);
        return answer(c, auth);
      }
      let params: FormObject;
      try {
        const type = c.req.header('content-type') ?? '';
        if (
          route.method === 'POST' &&
          rawBody !== '' &&
          !type.startsWith('application/x-www-form-urlencoded')
        )
          throw new StripeApiError(
            400,
            'invalid_request_error',
            'Invalid request: bodies must be application/x-www-form-urlencoded.',
          );
        params = parseForm(rawBody);
      } catch (e) {
        const err =
          e instanceof StripeApiError
            ? e
            : new StripeApiError(400, 'invalid_request_error', 'Invalid request body.');
        log(err.status);
        return answer(c, err);
      }

      const scope = idemKey !== null && route.method === 'POST' ? `${auth} ${idemKey}` : null;
      if (scope !== null) {
        if (idemKey!.length > 255 || idemKey === '') {
          log(400);
          return answer(
            c,
            new StripeApiError(
              400,
              'invalid_request_error',
              'Idempotency-Key must be 1 to 255 characters.',
            ),
          );
        }
        c.header('Idempotency-Key', idemKey!);
        try {
          const replay = idempotency.begin(scope, label, canonicalParams(params));
          if (replay) {
            log(replay.status, true);
            c.header('Idempotent-Replayed', 'true');
            return c.json(replay.body as object, replay.status as 200);
          }
        } catch (e) {
          const err = e as StripeApiError;
          log(err.status);
          return answer(c, err);
        }
      }

      const ctx: ApiContext = {
        store: deps.store,
        events: deps.events,
        now: deps.now,
        baseUrl: deps.baseUrl(),
        request: { id: requestId, idempotency_key: idemKey },
      };
      let status: number;
      let body: unknown;
      try {
        body = route.handler(ctx, params, c.req.param() as Record<string, string>);
        status = 200;
      } catch (e) {
        if (!(e instanceof StripeApiError)) {
          if (scope !== null) idempotency.forget(scope);
          throw e;
        }
        if (scope !== null) {
          if (e.saved)
            idempotency.finish(scope, {
              request: label,
              params: canonicalParams(params),
              status: e.status,
              body: e.body(),
            });
          else idempotency.forget(scope);
        }
        log(e.status);
        return answer(c, e);
      }
      if (scope !== null)
        idempotency.finish(scope, {
          request: label,
          params: canonicalParams(params),
          status,
          body,
        });
      if (failing) {
        // lost_response: it ran, but the caller never hears so. Logged before the wait, so a
        // test can tell the request ran while its caller still waits.
        log(500);
        await sleep(deps.behaviour.hangMs, deps.signal);
        return answer(c, new StripeApiError(500, 'api_error', 'An unknown error occurred.'));
      }
      log(status);
      return c.json(body as object, 200);
    });
  }
  app.all('/v1/*', (c) =>
    answer(
      c,
      new StripeApiError(
        404,
        'invalid_request_error',
        `Unrecognized request URL (${c.req.method}: ${c.req.path}).`,
      ),
    ),
  );

  // The hosted setup page (Checkout in setup mode) a browser completes.
  app.get('/c/setup/:id', (c) =>
    c.html(setupPage(deps.store.checkoutSessions.get(c.req.param('id')))),
  );
  app.post(
    '/c/setup/:id',
    bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('too large', 413) }),
    async (c) => {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const card = typeof form.card_number === 'string' ? form.card_number : '';
      const ctx: ApiContext = {
        store: deps.store,
        events: deps.events,
        now: deps.now,
        baseUrl: deps.baseUrl(),
        request: { id: null, idempotency_key: null },
      };
      const done = completeSetup(ctx, c.req.param('id'), card);
      if ('redirect' in done) return c.redirect(done.redirect, 303);
      return c.html(setupPage(deps.store.checkoutSessions.get(c.req.param('id')), done.error), 400);
    },
  );
  app.get('/i/:id', (c) => {
    const inv = deps.store.invoices.get(c.req.param('id'));
    if (!inv || inv.status === 'draft') return c.text('Not found', 404);
    const r = renderInvoice(deps.store, inv, deps.baseUrl());
    return c.json(r);
  });

  // Control API for tests and the dev runner.
  app.get('/__control/state', (c) =>
    c.json({
      behaviour: deps.behaviour,
      customers: deps.store.customers.size,
      invoices: [...deps.store.invoices.values()].map((i) =>
        renderInvoice(deps.store, i, deps.baseUrl()),
      ),
      invoiceItems: deps.store.invoiceItems.size,
      events: deps.events.events.map((e) => ({ id: e.id, type: e.type })),
      deliveries: deps.events.deliveries,
    }),
  );
  app.get('/__control/requests', (c) => c.json(deps.requests()));
  app.patch('/__control/behaviour', async (c) => {
    const patch = behaviourPatchSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!patch.success)
      return c.json({ error: { message: 'invalid behaviour', issues: patch.error.issues } }, 400);
    Object.assign(deps.behaviour, patch.data);
    return c.json(deps.behaviour);
  });
  app.put('/__control/webhook-endpoint', async (c) => {
    const body = webhookSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return c.json({ error: { message: 'expected {url, secret} or null' } }, 400);
    deps.webhook.current = body.data;
    return c.json({ ok: true });
  });
  app.post('/__control/events/:id/resend', (c) =>
    deps.events.resend(c.req.param('id'))
      ? c.json({ ok: true })
      : c.json({ error: { message: 'no such event' } }, 404),
  );

  app.notFound((c) =>
    c.json({ error: { type: 'invalid_request_error', message: 'Not found.' } }, 404),
  );
  return app;
}

/** The API key of a request (Bearer, or Basic with the key as user), or Stripe's 401. */
function authenticate(
  header: string | undefined,
  keyOk: (k: string) => boolean,
): string | StripeApiError {
  let key: string | undefined;
  if (header?.startsWith('Bearer ')) key = header.slice(7).trim();
  else if (header?.startsWith('Basic '))
    key = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0];
  if (!key)
    return new StripeApiError(
      401,
      'invalid_request_error',
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  if (!key.startsWith('sk_test_') || !keyOk(key))
    return new StripeApiError(
      401,
      'invalid_request_error',
      `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`,
      {
        code: 'api_key_invalid',
      },
    );
  return key;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
