import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTikTokShopSim, type TikTokShopSim } from './sim.ts';

// Test-only helpers. The signer here is a third, minimal implementation written from the
// reference, so sim tests do not trust the sim's own verifier to define "correct".

export const APP_KEY = 'test_app_key';
export const APP_SECRET = 'test_app_secret';

export function signedUrl(
  sim: TikTokShopSim,
  path: string,
  opts: { query?: Record<string, string>; body?: string; ts?: number; secret?: string } = {},
): string {
  const q: Record<string, string> = {
    app_key: APP_KEY,
    timestamp: String(opts.ts ?? Math.floor(sim.now() / 1000)),
    ...opts.query,
  };
  const keys = Object.keys(q).sort();
  const secret = opts.secret ?? APP_SECRET;
  const plain = `${secret}${path}${keys.map((k) => k + q[k]).join('')}${opts.body ?? ''}${secret}`;
  const sign = createHmac('sha256', secret).update(plain).digest('hex');
  return `${sim.url}${path}?${new URLSearchParams({ ...q, sign }).toString()}`;
}

export async function onboard(sim: TikTokShopSim, region = 'US') {
  const shop = sim.createShop({ region });
  const code = sim.issueAuthCode([shop.id]);
  const res = await fetch(
    `${sim.url}/api/v2/token/get?${new URLSearchParams({ app_key: APP_KEY, app_secret: APP_SECRET, auth_code: code, grant_type: 'authorized_code' })}`,
  );
  const body = (await res.json()) as { data: { access_token: string; refresh_token: string } };
  return { shop, token: body.data.access_token, refresh: body.data.refresh_token };
}

// biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary response shapes ad hoc
type Json = any;

export async function call(
  sim: TikTokShopSim,
  method: 'GET' | 'POST',
  path: string,
  opts: {
    token?: string;
    query?: Record<string, string>;
    body?: unknown;
    ts?: number;
    secret?: string;
  } = {},
) {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers['x-tts-access-token'] = opts.token;
  const res = await fetch(signedUrl(sim, path, { ...opts, body }), { method, headers, body });
  return {
    status: res.status,
    headers: res.headers,
    json: (await res.json()) as { code: number; message: string; data: Json },
  };
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook endpoint whose answer can be scripted (status per request). */
export async function startReceiver(answer: (n: number) => number = () => 200) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer(received.length)).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A simulator with a fixed seed and TikTok's one-hour ON_HOLD window, for order tests. */
export function startSeededSim(): Promise<TikTokShopSim> {
  return startTikTokShopSim({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    seed: 11,
    onHoldMs: 3_600_000,
  });
}
