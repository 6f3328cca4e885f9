export { type BillingAppDeps, createBillingApp } from './app.ts';
export { type BillingEnv, billingEnvSchema, parseBillingEnv } from './env.ts';
export { sweepStripeEvents } from './event-sweep.ts';
export { createBillingWorker } from './worker.ts';
