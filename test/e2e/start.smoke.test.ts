import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `pnpm start` as a new user runs it: its own PostgreSQL and Temporal, the services as separate
 * processes, the demo seller onboarded by OAuth, orders completing; Ctrl-C stops it cleanly.
 */
describe('pnpm start', () => {
  it('brings the platform up, completes demo orders and stops on SIGINT', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/src/start.ts'], {
      cwd: root,
      env: { ...process.env, SWITCHYARD_DEMO_ORDER_EVERY_MS: '1000' },
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
    try {
      const deadline = Date.now() + 150_000;
      while (
        !/orders: [1-9]\d* completed/.test(out) &&
        Date.now() < deadline &&
        child.exitCode === null
      ) {
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(out).toContain('Switchyard is running.');
      expect(out).toMatch(/bound shop .* through the OAuth flow/);
      expect(out).toMatch(/orders: [1-9]\d* completed/);
    } finally {
      child.kill('SIGINT');
    }
    // 130: the conventional status of a process ended by Ctrl-C.
    expect([0, 130]).toContain(await exited);
    expect(out).toContain('[start] stopped');
    // Nothing it started still listens.
    const apiUrl = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    const temporal = /Temporal at (127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(apiUrl && temporal).toBeTruthy();
    await expect(fetch(`${apiUrl}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://${temporal}`)).rejects.toThrow();
  }, 200_000);
});
