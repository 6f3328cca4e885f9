/**
 * `pnpm run bootstrap`: makes every Temporal binary the project runs available ahead of time,
 * the dev server and time-skipping test server (bootstrap-temporal.ts) and the
 * PostgreSQL-backed server (bootstrap-temporal-server.ts), and Stripe's stripe-mock for the
 * Stripe contract test (bootstrap-stripe-mock.ts), and the deployment files' validator
 * (bootstrap-manifest-check.ts), so that `pnpm start` and `pnpm test` find
 * them cached. Exits non-zero, saying what is missing, when one cannot be had.
 */
import { ensureManifestCheck } from './bootstrap-manifest-check.ts';
import { ensureStripeMock, STRIPE_MOCK_VERSION } from './bootstrap-stripe-mock.ts';
import { ensureTemporal } from './bootstrap-temporal.ts';
import { ensureTemporalServer } from './bootstrap-temporal-server.ts';

let started = Date.now();
const bins = ensureTemporal();
console.log(
  `[temporal] cli=${bins.cli ?? '-'} test-server=${bins.testServer ?? '-'} via ${bins.via} in ${Date.now() - started} ms`,
);
if (!bins.cli) process.exitCode = 1;

started = Date.now();
try {
  const server = await ensureTemporalServer();
  console.log(
    `[temporal-server] ${server.version}: server=${server.server} sql=${server.sqlTool} via ${server.via} in ${Date.now() - started} ms`,
  );
} catch (err) {
  console.error(`[temporal-server] ${(err as Error).message}`);
  process.exitCode = 1;
}

started = Date.now();
try {
  const mock = await ensureStripeMock((m) => console.log(`[stripe-mock] ${m}`));
  console.log(`[stripe-mock] ${STRIPE_MOCK_VERSION}: ${mock} in ${Date.now() - started} ms`);
} catch (err) {
  console.error(`[stripe-mock] ${(err as Error).message}`);
  process.exitCode = 1;
}

started = Date.now();
try {
  const tool = await ensureManifestCheck();
  console.log(`[manifest-check] ${tool} in ${Date.now() - started} ms`);
} catch (err) {
  console.error(`[manifest-check] ${(err as Error).message}`);
  process.exitCode = 1;
}
