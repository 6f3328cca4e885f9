import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { behaviourPatchSchema, type SupplierBehaviour } from './behaviour.ts';
import type { PartnerCall } from './partner-client.ts';
import { sleep } from './partner-client.ts';
import { messageType } from './payload.ts';
import { checkDispatchSignature } from './signature.ts';
import type { Supplier } from './supplier.ts';
import type { Rng } from './tracking.ts';

export interface AppDeps {
  supplier: Supplier;
  behaviour: SupplierBehaviour;
  signingSecret: string;
  calls: () => PartnerCall[];
  now: () => number;
  rng: Rng;
  signal: AbortSignal;
}

/** Real supplier endpoints cap bodies; a dispatch is a few KB. */
const MAX_BODY_BYTES = 256 * 1024;

export function createSupplierApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.get('/health', (c) => c.json({ ok: true }));

  app.post(
    '/dispatches',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: { code: 'PAYLOAD_TOO_LARGE' } }, 413),
    }),
    async (c) => {
      const rawBody = await c.req.text();
      if (deps.behaviour.latencyMs > 0) await sleep(deps.behaviour.latencyMs, deps.signal);
      const check = checkDispatchSignature(
        deps.signingSecret,
        c.req.raw.headers,
        rawBody,
        deps.now(),
      );
      if (!check.ok) {
        return c.json({ error: { code: 'INVALID_SIGNATURE', message: check.reason } }, 401);
      }
      if (deps.rng() < deps.behaviour.failRate) {
        return c.json({ error: { code: 'TEMPORARILY_UNAVAILABLE' } }, 503);
      }
      const type = messageType(rawBody);
      const outcome =
        type === 'tracking.rejected' || type === 'shipment.first_scan_missing'
          ? deps.supplier.notice(check.id, rawBody)
          : deps.supplier.receive(check.id, rawBody);
      return c.json(outcome.body, outcome.status);
    },
  );

  // Control API for the dev runner and tests: inspect state, change behaviour live.
  app.get('/__control/state', (c) =>
    c.json({
      behaviour: deps.behaviour,
      received: deps.supplier.received(),
      shipped: deps.supplier.shipped(),
      notices: deps.supplier.notices(),
      calls: deps.calls(),
    }),
  );

  app.patch('/__control/behaviour', async (c) => {
    const patch = behaviourPatchSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!patch.success) {
      const issues = patch.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }));
      return c.json({ error: { code: 'INVALID_BEHAVIOUR', issues } }, 400);
    }
    Object.assign(deps.behaviour, patch.data);
    return c.json(deps.behaviour);
  });

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND' } }, 404));
  return app;
}
