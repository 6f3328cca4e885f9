import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const run = promisify(execFile);

/** Where `pnpm start` and the api find the portal's build by default. */
export const PORTAL_DIST = fileURLToPath(new URL('./dist', import.meta.url));

/**
 * Builds the portal (`vite build`) into `outDir` (default dist/) and returns that folder. It
 * runs in a process of its own with NODE_ENV=production: a test runner's NODE_ENV=test would
 * otherwise give a development build (React's development JSX runtime) that production React
 * cannot run. Tests build into a folder of their own so parallel runs never share one.
 */
export async function buildPortal(outDir = PORTAL_DIST): Promise<string> {
  const vitePackage = fileURLToPath(import.meta.resolve('vite/package.json'));
  const vite = join(dirname(vitePackage), 'bin', 'vite.js');
  await run(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } },
  );
  return outDir;
}
