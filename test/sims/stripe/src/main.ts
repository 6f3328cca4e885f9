import { parseStripeSimEnv } from './env.ts';
import { startStripeSim } from './sim.ts';

/** Runs the Stripe simulator as its own process for the dev runner (`pnpm start`). */
const env = parseStripeSimEnv(process.env);

const sim = await startStripeSim({
  port: env.PORT,
  hostname: env.HOST,
  apiKeys: env.STRIPE_API_KEYS.split(',')
    .map((k) => k.trim())
    .filter(Boolean),
  webhook:
    env.STRIPE_WEBHOOK_URL && env.STRIPE_WEBHOOK_SECRET
      ? { url: env.STRIPE_WEBHOOK_URL, secret: env.STRIPE_WEBHOOK_SECRET }
      : undefined,
});

// One line the dev runner can parse; no keys.
console.log(JSON.stringify({ msg: 'stripe sim listening', url: sim.url }));

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    void sim.close().then(() => process.exit(0));
  });
}
