import { createHmac, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sampleDispatchPayload } from '@switchyard/suppliers/testing';
import { Hono } from 'hono';
import { type SupplierSim, startSupplierSim } from './sim.ts';

/** Test-only: signs like a Standard Webhooks sender, straight from node:crypto. */
export function signedHeaders(secret: string, id: string, body: string, nowMs = Date.now()) {
  const timestamp = String(Math.floor(nowMs / 1000));
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${mac}`,
  };
}

export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** A sim that takes dispatches and never calls back, for tests of its inbound edge. */
export function startSilentSim(signingSecret: string): Promise<SupplierSim> {
  return startSupplierSim({
    signingSecret,
    partnerApiUrl: '',
    partnerKey: 'pk_test',
    behaviour: { mode: 'silent' },
  });
}

/** A dispatch as the platform sends it, addressed to this sim; callbacks go nowhere. */
export const sampleDispatch = (dispatchId: string) =>
  sampleDispatchPayload({
    dispatch_id: dispatchId,
    callback_base_url: 'http://127.0.0.1:1/unused',
  });

export interface RecordedCall {
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * A tiny partner API: records calls; answers 503 (or `failWith`) to the first `failFirst` of
 * them.
 */
export async function startFakePartnerApi(
  opts: { failFirst?: number; failWith?: { status: 409 | 503; retryAfter?: string } } = {},
) {
  const calls: RecordedCall[] = [];
  let failuresLeft = opts.failFirst ?? 0;
  const app = new Hono();
  app.post('/partner/v1/*', async (c) => {
    calls.push({
      path: c.req.path,
      headers: Object.fromEntries(c.req.raw.headers),
      body: await c.req.json(),
    });
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      const { status, retryAfter } = opts.failWith ?? { status: 503 };
      if (retryAfter) c.header('retry-after', retryAfter);
      return c.json({ error: 'down' }, status);
    }
    return c.json({ ok: true });
  });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve({ server: s, port: info.port }),
      );
    },
  );
  return {
    url: `http://127.0.0.1:${port}/partner/v1`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
