import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SupplierDispatchError } from './errors.ts';
import { createHttpPushConnector } from './http-push-connector.ts';
import { generateWebhookSecret, verifySupplierWebhook } from './signing.ts';
import { sampleDispatchPayload } from './testing/index.ts';

type Received = { headers: IncomingMessage['headers']; body: string; method: string | undefined };
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const secret = generateWebhookSecret();
let server: Server;
let endpointUrl: string;
let handler: Handler;
let received: Received[];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        method: req.method,
      });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpointUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dispatches`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  handler = (_req, res) => res.writeHead(202).end('{"accepted":true}');
});

const reply =
  (status: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    res.writeHead(status, headers).end('{"error":"nope"}');

async function dispatchError(
  connector = createHttpPushConnector(),
): Promise<SupplierDispatchError> {
  const error = await connector
    .dispatch({ endpointUrl, signingSecret: secret }, sampleDispatchPayload())
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(SupplierDispatchError);
  return error as SupplierDispatchError;
}

describe('createHttpPushConnector', () => {
  it('POSTs a signed JSON body that the receiver can verify; webhook-id is the dispatch id', async () => {
    let clock = 1_764_000_000_000;
    const connector = createHttpPushConnector({ now: () => (clock += 5) });
    const payload = sampleDispatchPayload();

    const result = await connector.dispatch({ endpointUrl, signingSecret: secret }, payload);

    expect(result).toEqual({ ok: true, status: 202, latencyMs: 5 });
    const [req] = received;
    expect(req?.method).toBe('POST');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['webhook-id']).toBe(payload.dispatch_id);
    expect(req?.headers['webhook-timestamp']).toBe('1764000000');
    expect(JSON.parse(req?.body ?? '')).toEqual(payload);
    const verified = verifySupplierWebhook({
      secret,
      headers: req?.headers ?? {},
      body: req?.body ?? '',
      now: clock,
    });
    expect(verified.ok).toBe(true);
  });

  it('keeps the same webhook-id on a second attempt so the supplier can dedupe', async () => {
    const connector = createHttpPushConnector();
    const target = { endpointUrl, signingSecret: secret };
    await connector.dispatch(target, sampleDispatchPayload());
    await connector.dispatch(target, sampleDispatchPayload());
    expect(received.map((r) => r.headers['webhook-id'])).toEqual([
      'd_01JTEST000000000000000001',
      'd_01JTEST000000000000000001',
    ]);
  });

  it.each([400, 401, 403, 404, 410, 422])(
    'classifies %i as non-retryable rejection',
    async (status) => {
      handler = reply(status);
      const error = await dispatchError();
      expect(error).toMatchObject({ code: 'SUPPLIER_REJECTED_4XX', retryable: false, status });
      expect(error.responseSnippet).toBe('{"error":"nope"}');
    },
  );

  it.each([408, 429, 500, 502, 503, 504])(
    'classifies %i as retryable unavailability',
    async (status) => {
      handler = reply(status);
      expect(await dispatchError()).toMatchObject({
        code: 'SUPPLIER_UNAVAILABLE',
        retryable: true,
        status,
      });
    },
  );

  it('reads Retry-After as seconds or as an HTTP date', async () => {
    handler = reply(429, { 'retry-after': '7' });
    expect((await dispatchError()).retryAfterMs).toBe(7000);

    const now = Date.parse('2026-11-28T10:00:00Z');
    handler = reply(503, { 'retry-after': 'Sat, 28 Nov 2026 10:00:30 GMT' });
    expect((await dispatchError(createHttpPushConnector({ now: () => now }))).retryAfterMs).toBe(
      30_000,
    );
  });

  it('does not follow redirects (the signed POST would become a GET)', async () => {
    handler = reply(302, { location: '/elsewhere' });
    expect(await dispatchError()).toMatchObject({ status: 302, retryable: true });
    expect(received).toHaveLength(1);
  });

  it('turns a hung supplier into a retryable timeout', async () => {
    handler = () => undefined; // never answers
    const error = await dispatchError(createHttpPushConnector({ timeoutMs: 50 }));
    expect(error).toMatchObject({
      code: 'SUPPLIER_UNAVAILABLE',
      retryable: true,
      status: undefined,
    });
    expect(error.message).toMatch(/50 ms/);
  });

  it('turns a refused connection into a retryable error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await createHttpPushConnector()
      .dispatch(
        { endpointUrl: `http://127.0.0.1:${port}/`, signingSecret: secret },
        sampleDispatchPayload(),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SUPPLIER_UNAVAILABLE', retryable: true });
  });

  it('lets a caller cancellation propagate instead of blaming the supplier', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    const pending = createHttpPushConnector().dispatch(
      { endpointUrl, signingSecret: secret },
      sampleDispatchPayload(),
      { signal: controller.signal },
    );
    controller.abort(new Error('activity cancelled'));
    await expect(pending).rejects.toThrow('activity cancelled');
  });

  it('refuses an invalid payload or endpoint without calling anyone', async () => {
    const bad = sampleDispatchPayload();
    bad.order.lines = [{ sku_code: 'SUP-1', quantity: 0 }];
    const connector = createHttpPushConnector();
    await expect(
      connector.dispatch({ endpointUrl, signingSecret: secret }, bad),
    ).rejects.toMatchObject({
      code: 'DISPATCH_INPUT_INVALID',
      retryable: false,
    });
    await expect(
      connector.dispatch(
        { endpointUrl: 'ftp://x/', signingSecret: secret },
        sampleDispatchPayload(),
      ),
    ).rejects.toMatchObject({ code: 'DISPATCH_INPUT_INVALID' });
    expect(received).toHaveLength(0);
  });
});

describe('notices to a supplier (R-TRK-2, R-SLA-1)', () => {
  const notice = {
    type: 'shipment.first_scan_missing' as const,
    notice_id: 'first_scan_missing:d_1:9400111206206406260787',
    dispatch_id: 'd_1',
    tracking_number: '9400111206206406260787',
    carrier: 'USPS',
    pushed_at: '2026-11-30T10:00:00.000Z',
  };

  it('signs a notice like a dispatch, with the notice id as webhook id', async () => {
    const res = await createHttpPushConnector().notify(
      { endpointUrl, signingSecret: secret },
      notice,
    );
    expect(res.status).toBe(202);
    const [req] = received;
    expect(req!.headers['webhook-id']).toBe(notice.notice_id);
    expect(JSON.parse(req!.body)).toEqual(notice);
    const verified = verifySupplierWebhook({
      secret,
      headers: req!.headers as Record<string, string>,
      body: req!.body,
    });
    expect(verified.ok).toBe(true);
  });

  it('refuses a notice that is not well formed without calling anyone', async () => {
    const error = await createHttpPushConnector()
      .notify(
        { endpointUrl, signingSecret: secret },
        { ...notice, tracking_number: '9400 1112\u0000' },
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ code: 'DISPATCH_INPUT_INVALID' });
    expect(received).toEqual([]);
  });
});
