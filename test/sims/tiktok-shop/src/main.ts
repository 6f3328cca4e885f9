import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startTikTokShopSim } from './sim.ts';

// Standalone entry: `tsx test/sims/tiktok-shop/src/main.ts --port 4010`. Config from argv, then
// env (this file is the sim's env boundary, like a service's env.ts). Drive it via /__control/*.
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'app-key': { type: 'string' },
    'app-secret': { type: 'string' },
    'service-id': { type: 'string' },
    'webhook-url': { type: 'string' },
    'redirect-url': { type: 'string' },
    'on-hold-ms': { type: 'string' },
    seed: { type: 'string' },
    host: { type: 'string' },
    'carrier-api-url': { type: 'string' },
    'carrier-api-key': { type: 'string' },
  },
});

const config = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4010),
    HOST: z.string().default('127.0.0.1'),
    TTS_APP_KEY: z.string().min(1).default('sim_app_key'),
    TTS_APP_SECRET: z.string().min(1).default('sim_app_secret'),
    TTS_SERVICE_ID: z.string().optional(),
    WEBHOOK_URL: z.url().optional(),
    REDIRECT_URL: z.url().optional(),
    ON_HOLD_MS: z.coerce.number().int().min(0).optional(),
    SEED: z.coerce.number().int().optional(),
    // Where TikTok Shipping labels are registered (the carrier-tracking sim), with its key.
    CARRIER_API_URL: z.url().optional(),
    CARRIER_API_KEY: z.string().min(1).optional(),
  })
  .parse({
    PORT: values.port ?? process.env.PORT,
    HOST: values.host ?? process.env.HOST,
    TTS_APP_KEY: values['app-key'] ?? process.env.TTS_APP_KEY,
    TTS_APP_SECRET: values['app-secret'] ?? process.env.TTS_APP_SECRET,
    TTS_SERVICE_ID: values['service-id'] ?? process.env.TTS_SERVICE_ID,
    WEBHOOK_URL: values['webhook-url'] ?? process.env.WEBHOOK_URL,
    REDIRECT_URL: values['redirect-url'] ?? process.env.REDIRECT_URL,
    ON_HOLD_MS: values['on-hold-ms'] ?? process.env.ON_HOLD_MS,
    SEED: values.seed ?? process.env.SEED,
    CARRIER_API_URL: values['carrier-api-url'] ?? process.env.CARRIER_API_URL,
    CARRIER_API_KEY: values['carrier-api-key'] ?? process.env.CARRIER_API_KEY,
  });

const sim = await startTikTokShopSim({
  port: config.PORT,
  hostname: config.HOST,
  appKey: config.TTS_APP_KEY,
  appSecret: config.TTS_APP_SECRET,
  ...(config.TTS_SERVICE_ID ? { serviceId: config.TTS_SERVICE_ID } : {}),
  ...(config.WEBHOOK_URL ? { webhookUrl: config.WEBHOOK_URL } : {}),
  ...(config.REDIRECT_URL ? { redirectUrl: config.REDIRECT_URL } : {}),
  ...(config.ON_HOLD_MS !== undefined ? { onHoldMs: config.ON_HOLD_MS } : {}),
  ...(config.SEED !== undefined ? { seed: config.SEED } : {}),
  ...(config.CARRIER_API_URL && config.CARRIER_API_KEY
    ? { carrierApi: { url: config.CARRIER_API_URL, apiKey: config.CARRIER_API_KEY } }
    : {}),
});
// One line on stdout so a parent process can read the URL (port 0 picks a free port).
console.log(JSON.stringify({ service: 'sim-tiktok-shop', url: sim.url }));

const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
