import { timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { behaviourPatchSchema, type CarrierBehaviour } from './behaviour.ts';
import { describeLabel, type LabelBook } from './labels.ts';

export interface CarrierAppDeps {
  labels: LabelBook;
  behaviour: CarrierBehaviour;
  apiKeys: readonly string[];
  now: () => number;
  signal: AbortSignal;
  log: (entry: RequestLogEntry) => void;
  requests: () => RequestLogEntry[];
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  code: string | null;
}

/** Aggregators cap batches; ours at 50 numbers. */
export const MAX_BATCH = 50;
const MAX_BODY_BYTES = 64 * 1024;
// Carrier codes and tracking numbers as carriers print them: no spaces, no lower case.
const carrierCode = z.string().regex(/^[A-Z0-9_]{1,32}$/);
const trackingNumber = z.string().regex(/^[A-Z0-9]{1,40}$/);
const querySchema = z.object({ carrier: carrierCode, tracking_number: trackingNumber }).strict();
const batchSchema = z.object({ items: z.array(querySchema).min(1) }).strict();
const labelPatchSchema = z
  .object({
    /** `now`: scanned at this moment; `never`: not scanned; a number: ms from now. */
    scan: z.union([z.literal('now'), z.literal('never'), z.int().min(0)]).optional(),
    status: z.enum(['delivered', 'exception']).optional(),
  })
  .strict();

const err = (
  c: Context,
  status: 400 | 401 | 404 | 409 | 413 | 429 | 503 | 504,
  code: string,
  message: string,
) => c.json({ error: { code, message } }, status);

/**
 * A tracking aggregator's API as the platform sees it, with a label API as a shipper sees it.
 * Errors carry real-looking codes: 401 `UNAUTHORIZED`, 404 `TRACKING_NOT_FOUND`, 429
 * `RATE_LIMITED` with `Retry-After`, 503 `SERVICE_UNAVAILABLE`, 504 `GATEWAY_TIMEOUT`.
 */
export function createCarrierApp(deps: CarrierAppDeps): Hono {
  const app = new Hono();
  const windows = new Map<string, { second: number; count: number }>();
  const keys = deps.apiKeys.map((k) => Buffer.from(k));

  const keyOk = (given: string | undefined) => {
    if (!given) return false;
    const g = Buffer.from(given);
    return keys.some((k) => k.length === g.length && timingSafeEqual(k, g));
  };

  app.get('/health', (c) => c.json({ ok: true }));

  app.use('/v1/*', async (c, next) => {
    await next();
    const code = c.res.status >= 400 ? await readCode(c.res) : null;
    deps.log({ method: c.req.method, path: c.req.path, status: c.res.status, code });
  });
  app.use('/v1/*', async (c, next): Promise<Response | undefined> => {
    const b = deps.behaviour;
    // Outages and limits are the tracking service's; shippers create labels at the carrier itself.
    const tracking = c.req.path.startsWith('/v1/trackings');
    if (tracking && b.failMode === 'unavailable')
      return err(c, 503, 'SERVICE_UNAVAILABLE', 'tracking service is down for maintenance');
    if (tracking && b.failMode === 'timeout') {
      await abortableSleep(b.hangMs, deps.signal).catch(() => undefined);
      return err(c, 504, 'GATEWAY_TIMEOUT', 'upstream carrier did not answer');
    }
    const key = c.req.header('x-api-key');
    if (!keyOk(key)) return err(c, 401, 'UNAUTHORIZED', 'missing or invalid API key');
    const second = Math.floor(deps.now() / 1000);
    const w = windows.get(key!);
    const count = w && w.second === second ? w.count + 1 : 1;
    windows.set(key!, { second, count });
    const over =
      tracking &&
      (b.failMode === 'rate_limited' ||
        (b.requestsPerSecond !== null && count > b.requestsPerSecond));
    if (over) {
      c.header('Retry-After', '1');
      return err(c, 429, 'RATE_LIMITED', 'too many requests for this API key');
    }
    await next();
    return undefined;
  });
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        err(c, 413, 'PAYLOAD_TOO_LARGE', `bodies are capped at ${MAX_BODY_BYTES} bytes`),
    }),
  );

  // The shipper's side: a label is created before the parcel exists (R-TRK-2 "Label Created").
  app.post('/v1/labels', async (c) => {
    const q = querySchema.safeParse(await c.req.json().catch(() => undefined));
    if (!q.success) return invalid(c, q.error);
    const { label, created } = deps.labels.create(
      q.data.carrier,
      q.data.tracking_number,
      deps.behaviour,
    );
    return c.json({ data: describeLabel(label, deps.now()) }, created ? 201 : 200);
  });

  app.get('/v1/trackings/:carrier/:number', (c) => {
    const q = querySchema.safeParse({
      carrier: c.req.param('carrier'),
      tracking_number: c.req.param('number'),
    });
    if (!q.success) return invalid(c, q.error);
    const label = deps.labels.get(q.data.carrier, q.data.tracking_number);
    if (!label) return err(c, 404, 'TRACKING_NOT_FOUND', 'Invalid Tracking Number');
    return c.json({ data: describeLabel(label, deps.now()) });
  });

  app.post('/v1/trackings/batch', async (c) => {
    const body = batchSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return invalid(c, body.error);
    if (body.data.items.length > MAX_BATCH)
      return err(c, 400, 'BATCH_TOO_LARGE', `at most ${MAX_BATCH} numbers per batch`);
    const now = deps.now();
    const data = body.data.items.map((q) => {
      const label = deps.labels.get(q.carrier, q.tracking_number);
      return label
        ? describeLabel(label, now)
        : {
            carrier: q.carrier,
            tracking_number: q.tracking_number,
            status: 'unknown',
            first_scan_at: null,
          };
    });
    return c.json({ data });
  });

  // Control API for the dev runner and tests: inspect state, change behaviour, move parcels.
  app.get('/__control/state', (c) => {
    const now = deps.now();
    return c.json({
      behaviour: deps.behaviour,
      labels: deps.labels.all().map((l) => describeLabel(l, now)),
      requests: deps.requests(),
    });
  });
  app.patch('/__control/behaviour', async (c) => {
    const patch = behaviourPatchSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!patch.success) return invalid(c, patch.error, 'INVALID_BEHAVIOUR');
    Object.assign(deps.behaviour, patch.data);
    return c.json(deps.behaviour);
  });
  app.patch('/__control/labels/:carrier/:number', async (c) => {
    const label = deps.labels.get(c.req.param('carrier'), c.req.param('number'));
    if (!label) return err(c, 404, 'TRACKING_NOT_FOUND', 'no such label');
    const patch = labelPatchSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!patch.success) return invalid(c, patch.error);
    const { scan, status } = patch.data;
    const now = deps.now();
    if (scan !== undefined)
      label.firstScanAt = scan === 'never' ? null : scan === 'now' ? now : now + scan;
    if (status !== undefined) label.finalStatus = status;
    return c.json({ data: describeLabel(label, now) });
  });

  app.notFound((c) => err(c, 404, 'NOT_FOUND', 'no such endpoint'));
  return app;
}

function invalid(c: Context, error: z.ZodError, code = 'INVALID_REQUEST') {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return c.json({ error: { code, message: 'the request is invalid', issues } }, 400);
}

async function readCode(res: Response): Promise<string | null> {
  const body = (await res
    .clone()
    .json()
    .catch(() => undefined)) as { error?: { code?: string } } | undefined;
  return body?.error?.code ?? null;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
