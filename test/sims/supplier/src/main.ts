import type { SupplierBehaviour } from './behaviour.ts';
import { parseSimEnv } from './env.ts';
import { startSupplierSim } from './sim.ts';

/** Runs the fake supplier as its own process for the dev runner (`pnpm start`). */
const env = parseSimEnv(process.env);

// Only set what the environment names, so the library defaults stay the single source.
const behaviour: Partial<SupplierBehaviour> = {
  mode: env.SUPPLIER_MODE,
  carrier: env.SUPPLIER_CARRIER,
};
if (env.ACK_DELAY_MS !== undefined) behaviour.ackDelayMs = env.ACK_DELAY_MS;
if (env.SHIP_DELAY_MS !== undefined) behaviour.shipDelayMs = env.SHIP_DELAY_MS;
if (env.FAIL_RATE !== undefined) behaviour.failRate = env.FAIL_RATE;
if (env.LATENCY_MS !== undefined) behaviour.latencyMs = env.LATENCY_MS;
if (env.CALLBACK_ATTEMPTS !== undefined) behaviour.callbackAttempts = env.CALLBACK_ATTEMPTS;
if (env.DUPLICATE_CALLBACK_RATE !== undefined)
  behaviour.duplicateCallbackRate = env.DUPLICATE_CALLBACK_RATE;

const sim = await startSupplierSim({
  port: env.PORT,
  hostname: env.HOST,
  signingSecret: env.SUPPLIER_SIGNING_SECRET,
  partnerApiUrl: env.PARTNER_API_URL,
  partnerKey: env.PARTNER_KEY,
  behaviour,
  ...(env.CARRIER_API_URL &&
    env.CARRIER_API_KEY && {
      carrierApi: { url: env.CARRIER_API_URL, apiKey: env.CARRIER_API_KEY },
    }),
});

// One line the dev runner can parse; no secrets or buyer data.
console.log(
  JSON.stringify({ msg: 'supplier sim listening', url: sim.url, behaviour: sim.behaviour }),
);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    void sim.close().then(() => process.exit(0));
  });
}
