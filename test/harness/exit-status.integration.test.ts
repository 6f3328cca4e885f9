import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const VITEST = resolve(ROOT, 'node_modules/vitest/vitest.mjs');
const CONFIG = 'test/harness/fixtures/vitest.config.ts';

/**
 * Runs vitest the way `pnpm test` does (same reporters, projects and global setup), on fixtures
 * that fail, and reports its exit status and closing line.
 */
function runVitest(args: string[]): Promise<{ status: number | null; lastLine: string }> {
  // The child must be a fresh vitest, not one that believes it runs inside this test's worker.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'TEST'),
  );
  const child = spawn(process.execPath, [VITEST, 'run', '--config', CONFIG, ...args], {
    cwd: ROOT,
    env: { ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += String(d);
  });
  child.stderr.on('data', () => {});
  return new Promise((r) =>
    child.once('close', (status) => r({ status, lastLine: out.trim().split('\n').at(-1) ?? '' })),
  );
}

describe('a failing run fails the build', () => {
  it('exits non-zero and says so on its closing line, whatever failed', async () => {
    const [unitRed, loadFailure, integrationRed, setupFailure] = await Promise.all([
      runVitest(['--project', 'unit', 'test/harness/fixtures/unit/red.test.ts']),
      runVitest(['--project', 'unit', 'test/harness/fixtures/unit/fails-to-load.test.ts']),
      // Starts the real PostgreSQL and Temporal of the integration project's global setup.
      runVitest(['--project', 'integration']),
      runVitest(['--project', 'setup-fails']),
    ]);
    expect(unitRed).toEqual({ status: 1, lastLine: '1 passed, 1 failed' });
    expect(loadFailure).toEqual({ status: 1, lastLine: '0 passed, 1 failed' });
    expect(integrationRed).toEqual({ status: 1, lastLine: '1 passed, 1 failed' });
    expect(setupFailure).toEqual({ status: 1, lastLine: '0 passed, 1 failed' });
  }, 120_000);
});
