import type { CarrierBehaviour } from './behaviour.ts';
import { parseCarrierSimEnv } from './env.ts';
import { startCarrierSim } from './sim.ts';

/** Runs the fake carrier-tracking service as its own process for the dev runner (`pnpm start`). */
const env = parseCarrierSimEnv(process.env);

// Only set what the environment names, so the library defaults stay the single source.
const behaviour: Partial<CarrierBehaviour> = { failMode: env.CARRIER_FAIL_MODE };
if (env.FIRST_SCAN_AFTER_MS !== undefined) behaviour.firstScanAfterMs = env.FIRST_SCAN_AFTER_MS;
if (env.NEVER_SCAN_RATE !== undefined) behaviour.neverScanRate = env.NEVER_SCAN_RATE;

const sim = await startCarrierSim({
  port: env.PORT,
  hostname: env.HOST,
  apiKeys: env.CARRIER_API_KEYS.split(',')
    .map((k) => k.trim())
    .filter(Boolean),
  behaviour,
});

// One line the dev runner can parse; no keys.
console.log(
  JSON.stringify({ msg: 'carrier sim listening', url: sim.url, behaviour: sim.behaviour }),
);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    void sim.close().then(() => process.exit(0));
  });
}
