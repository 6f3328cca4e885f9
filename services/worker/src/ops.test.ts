import type { AddressInfo } from 'node:net';
import { createDb } from '@switchyard/db';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWorkerOps } from './ops.ts';

// Nothing listens on port 9: both dependencies are down.
const db = createDb('postgres://switchyard_app:x@127.0.0.1:9/switchyard');
const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:9' }) });
const TOKEN = 'worker-metrics-token-1';

describe('worker operations listener', () => {
  let server: ReturnType<typeof serveWorkerOps>;
  let base: string;
  beforeAll(async () => {
    server = serveWorkerOps({
      db,
      temporal,
      port: 0,
      hostname: '127.0.0.1',
      metricsToken: TOKEN,
      readinessTimeoutMs: 3000,
    });
    await new Promise<void>((r) => server.once('listening', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await db.destroy();
    await temporal.connection.close();
  });

  it('is live while its dependencies are down, and not ready, naming both', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { ready: boolean; checks: Record<string, string> };
    expect(body.ready).toBe(false);
    expect(body.checks.postgres).toMatch(/^(failed|timeout)$/);
    expect(body.checks.temporal).toMatch(/^(failed|timeout)$/);
  });

  it('serves its process metrics to the token holder only', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^process_resident_memory_bytes\{service="worker"\} \d+/m);
    expect(text).toMatch(
      /^switchyard_http_request_duration_seconds_count\{service="worker",method="GET",route="\/readyz",status_class="5xx"\} 1$/m,
    );
  });
});
