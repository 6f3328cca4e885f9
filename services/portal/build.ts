import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

/** Where `pnpm start` and the api find the portal's build by default. */
export const PORTAL_DIST = fileURLToPath(new URL('./dist', import.meta.url));

/**
 * Builds the portal (`vite build`) into `outDir` (default dist/) and returns that folder.
 * Tests build into a folder of their own so that runs in parallel never share one.
 */
export async function buildPortal(outDir = PORTAL_DIST): Promise<string> {
  await build({
    root: ROOT,
    configFile: `${ROOT}vite.config.ts`,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
