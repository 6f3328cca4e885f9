import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Pinned: a new release may add checks or change its options; move it on purpose. */
export const SCHEMATHESIS_VERSION = '4.32.5';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOME = join(ROOT, '.switchyard', `schemathesis-${SCHEMATHESIS_VERSION}`);

/** Where to run `st`: it leaves a `.schemathesis/` folder of its own in its working directory. */
export const SCHEMATHESIS_WORKDIR = join(ROOT, '.switchyard');

/**
 * The schema-driven fuzzer's `st` command: installed from PyPI with pip into a project-local
 * virtualenv on first use (about a minute), then reused. Needs Python 3 with `venv` and PyPI;
 * without them it throws, saying which step failed.
 */
export async function ensureSchemathesis(): Promise<string> {
  const st = join(HOME, 'bin', 'st');
  // Written last: a half-built virtualenv (an install cut short) is built again.
  const complete = join(HOME, '.complete');
  if (existsSync(complete)) return st;
  await rm(HOME, { recursive: true, force: true });
  await mkdir(dirname(HOME), { recursive: true });
  const step = async (what: string, file: string, args: string[]) => {
    try {
      await run(file, args, { timeout: 5 * 60_000, maxBuffer: 16 * 1024 * 1024 });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`schemathesis: ${what} failed: ${e.stderr?.slice(-2000) || e.message}`);
    }
  };
  // A virtualenv's scripts name its own path, so it is built where it stays.
  await step('creating a Python virtualenv (python3 -m venv)', 'python3', ['-m', 'venv', HOME]);
  await step(`pip install schemathesis==${SCHEMATHESIS_VERSION}`, join(HOME, 'bin', 'pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    `schemathesis==${SCHEMATHESIS_VERSION}`,
  ]);
  await writeFile(complete, `${SCHEMATHESIS_VERSION}\n`);
  return st;
}
