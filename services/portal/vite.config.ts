import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

/**
 * Production: `vite build` writes dist/, which the api serves at `/` under its CSP. Development:
 * `pnpm --filter @switchyard/portal dev` proxies the api's routes to SWITCHYARD_API_URL.
 */
export default defineConfig(({ mode }) => {
  const api = loadEnv(mode, process.cwd(), 'SWITCHYARD_').SWITCHYARD_API_URL;
  const target = api ?? 'http://127.0.0.1:3000';
  return {
    plugins: [react()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // The polyfill would be an inline script; every browser the portal supports has it.
      modulePreload: { polyfill: false },
      target: 'es2022',
    },
    server: { proxy: { '/trpc': target, '/oauth': target } },
  };
});
