import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

/**
 * `pnpm start` as a new user runs it: its own PostgreSQL and Temporal, the services as separate
 * processes, the demo seller onboarded by OAuth, orders completing; each service's output in its
 * log file and its errors on the console; Ctrl-C stops it cleanly.
 */
describe('pnpm start', () => {
  it('brings the platform up, completes demo orders, shows errors and stops on SIGINT', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const logDir = await mkdtemp(join(tmpdir(), 'switchyard-logs-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/src/start.ts'], {
      cwd: root,
      env: {
        ...process.env,
        SWITCHYARD_DEMO_ORDER_EVERY_MS: '1000',
        SWITCHYARD_LOG_DIR: logDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      out += String(d);
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    onTestFinished(() => rm(logDir, { recursive: true, force: true }));
    try {
      const deadline = Date.now() + 150_000;
      while (
        !/orders: [1-9]\d* completed.* · bill \d{4}-\d{2}: \d/.test(out) &&
        Date.now() < deadline &&
        child.exitCode === null
      ) {
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(out).toContain('Switchyard is running.');
      expect(out).toMatch(/bound shop .* through the OAuth flow/);
      expect(out).toMatch(/orders: [1-9]\d* completed/);
      // The demo tenant's running bill (billing.periodToDate) on the same line, and how to ask.
      expect(out).toMatch(/orders: [1-9]\d* completed.* · bill \d{4}-\d{2}: \d+\.\d{2} USD/);
      expect(out).toContain('/trpc/billing.periodToDate');
      expect(out).toContain(`Service logs        ${logDir}/<service>.log`);
      expect(await readFile(join(logDir, 'api.log'), 'utf8')).toContain('api listening');
      expect(await readFile(join(logDir, 'worker.log'), 'utf8')).toContain('worker running');
      // The seller portal, built and served by the api at the printed address.
      const portal = /Seller portal\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      expect(portal).toBeTruthy();
      const page = await fetch(portal!);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('<div id="root"></div>');
      // Issue 12 item 7: one-time sign-in links for the demo seller, supplier and operator, each
      // redeemed once for a session of its own kind.
      for (const [who, kind] of [
        ['demo seller', 'tenant'],
        ['demo supplier', 'supplier'],
        ['operator', 'operator'],
      ] as const) {
        const link = new RegExp(`${who}\\s+(http://127\\.0\\.0\\.1:\\d+/sign-in#(\\S+))`).exec(out);
        expect(link?.[1], who).toContain(portal!.replace(/\/$/, ''));
        const redeem = () =>
          fetch(new URL('/auth/link', portal!), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ secret: link![2] }),
          });
        const first = await redeem();
        expect([first.status, await first.json()]).toEqual([200, { kind }]);
        expect((await redeem()).status).toBe(401);
      }

      await provokeApiError(out);
      const shown = '[api] error: the marketplace did not complete';
      for (let i = 0; i < 20 && !out.includes(shown); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain(shown);
      expect(await readFile(join(logDir, 'api.log'), 'utf8')).toContain('"level":50');
    } finally {
      child.kill('SIGINT');
    }
    // 130: the conventional status of a process ended by Ctrl-C.
    expect([0, 130]).toContain(await exited);
    expect(out).toContain('[start] stopped');
    // Nothing it started still listens.
    const apiUrl = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    const temporal = /Temporal at (127\.0\.0\.1:\d+)/.exec(out)?.[1];
    const pgPort = Number(/PostgreSQL on :(\d+)/.exec(out)?.[1]);
    expect(apiUrl && temporal && pgPort).toBeTruthy();
    await expect(fetch(`${apiUrl}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://${temporal}`)).rejects.toThrow();
    expect(await refused(pgPort)).toBe(true);
  }, 200_000);
});

/**
 * A marketplace outage during onboarding: the api answers 502 and logs it at error level. The
 * simulator fails every Open API call for as long as the api's client keeps retrying.
 */
async function provokeApiError(out: string): Promise<void> {
  const api = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  const tts = /TikTok Shop sim\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  const shopId = /bound shop ".*" \((\S+)\)/.exec(out)?.[1];
  const control = (path: string, method: string, body: unknown) =>
    fetch(`${tts}/__control${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ code?: string }>);
  const { code } = await control('/auth-codes', 'POST', { shop_ids: [shopId] });
  const start = await fetch(`${api}/oauth/tiktok/start`, { redirect: 'manual' });
  const state = new URL(start.headers.get('location') ?? '').searchParams.get('state');
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  await control('/faults', 'PATCH', { failRate: 1 });
  try {
    const callback = await fetch(`${api}/oauth/tiktok/callback?state=${state}&code=${code}`, {
      headers: { cookie },
    });
    expect(callback.status).toBe(502);
  } finally {
    await control('/faults', 'PATCH', { failRate: 0 });
  }
}

function refused(port: number): Promise<boolean> {
  return new Promise((r) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      r(false);
    });
    socket.once('error', () => r(true));
  });
}
