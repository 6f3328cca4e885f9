import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
// The simulator is a dev dependency: only the *.contract.test.ts files reach this module.
import {
  startTikTokShopSim,
  type TikTokShopSim,
  type TikTokShopSimOptions,
} from '@switchyard/sim-tiktok-shop';
import { createTikTokShopClient, type TikTokShopClientConfig } from '../client.ts';
import { verifyWebhook } from '../sign.ts';
import { parseWebhook, type TtsWebhookEvent } from '../webhook.ts';

export const APP_KEY = 'sim_app_key';
export const APP_SECRET = 'sim_app_secret';
export const USPS = '7117858858072016686';
export const USPS_TRACKING = '9400111206206406260787';

/** A simulator plus a webhook receiver that verifies and parses like production code would. */
export async function startContractEnv(simOptions: Partial<TikTokShopSimOptions> = {}) {
  const events: TtsWebhookEvent[] = [];
  const stats = { badSignatures: 0 };
  const receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const signature = req.headers.authorization;
      if (!verifyWebhook({ appKey: APP_KEY, appSecret: APP_SECRET, rawBody: raw, signature })) {
        stats.badSignatures++;
        res.writeHead(401).end();
        return;
      }
      events.push(parseWebhook(raw));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  const sim: TikTokShopSim = await startTikTokShopSim({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    seed: 42,
    onHoldMs: 0,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/tiktok`,
    webhookRetryScheduleMs: [10, 20],
    ...simOptions,
  });

  const makeClient = (over: Partial<TikTokShopClientConfig> = {}) =>
    createTikTokShopClient({
      apiBaseUrl: sim.url,
      authBaseUrl: sim.url,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      now: () => sim.now(),
      sleep: async (ms) => sim.advance(ms),
      ...over,
    });

  const onboard = async (region = 'US') => {
    const shop = sim.createShop({ region });
    const tts = makeClient();
    const tokens = await tts.getToken(sim.issueAuthCode([shop.id]));
    const [listed] = await tts.getAuthorizedShops(tokens.accessToken);
    if (!listed) throw new Error('no shop listed');
    return {
      shop,
      tokens,
      auth: { accessToken: tokens.accessToken, shopCipher: listed.cipher },
      tts,
    };
  };

  const close = async () => {
    await sim.close();
    await new Promise<void>((r) => receiver.close(() => r()));
  };
  return { sim, events, stats, makeClient, onboard, close };
}
