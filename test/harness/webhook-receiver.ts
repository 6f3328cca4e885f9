import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  id: string;
  body: Record<string, unknown>;
  /** Whether the Standard Webhooks signature checked out with the receiver's secret. */
  signed: boolean;
  status: number;
}

/**
 * An on-call tool's webhook endpoint (a pager or chat bridge) for tests of what the platform
 * pushes to operators: checks the Standard Webhooks signature with its own code (not the
 * platform's, so a shared bug cannot hide), answers `failFirst` requests 503, then 204.
 */
export async function startWebhookReceiver(secret: string, opts: { failFirst?: number } = {}) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const received: ReceivedWebhook[] = [];
  let failures = opts.failFirst ?? 0;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id'] ?? '');
      const ts = String(req.headers['webhook-timestamp'] ?? '');
      const mac = createHmac('sha256', key).update(`${id}.${ts}.${raw}`).digest('base64');
      const signed = String(req.headers['webhook-signature'] ?? '')
        .split(' ')
        .some((s) => timingSafeEqual(digest(s), digest(`v1,${mac}`)));
      const status = failures > 0 ? 503 : 204;
      if (failures > 0) failures -= 1;
      received.push({ id, body: JSON.parse(raw) as Record<string, unknown>, signed, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/switchyard`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
