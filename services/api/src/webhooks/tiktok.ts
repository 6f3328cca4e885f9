import {
  parseWebhookBody,
  type TtsWebhookEvent,
  verifyWebhook,
  WEBHOOK_MAX_AGE_S,
  WEBHOOK_MAX_AHEAD_S,
  WebhookPayloadError,
  webhookFreshness,
} from '@switchyard/tiktok-shop';
import { Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import { limitBody } from '../edge/body-limit.ts';
import { jsonWithHeaders } from '../edge/response-headers.ts';
import { AppError } from '../errors.ts';
import { assertStorableText } from '../storable-input.ts';
import { createInboxWriter } from './inbox-writer.ts';
import { createIntakeGauge } from './intake-gauge.ts';

const MAX_BODY_BYTES = 64 * 1024;

/**
 * TikTok Shop notifications (R-IN-1): verify the HMAC on the raw bytes, refuse what cannot be
 * stored or routed (malformed, out of range, text PostgreSQL refuses, outside the freshness
 * window), store the notification durably (dedupe by notification id) and answer. The 200
 * depends on the inbox write alone: the inbox dispatcher (dispatcher.ts) hands the notification
 * on to the order's workflow, woken by `nudgeInbox`, so a slow or unreachable Temporal never
 * delays the answer and never costs a notification.
 */
export function tiktokWebhookRoutes(deps: ApiDeps) {
  const inbox = createInboxWriter(deps.db, 'tiktok');
  // Without a gauge to report to, the route counts into one of its own that nothing reads.
  const { track } = deps.intakeGauge ?? createIntakeGauge();
  return new Hono().post('/', track, limitBody(MAX_BODY_BYTES), async (c) => {
    const raw = await c.req.text();
    const signature = c.req.header('authorization') ?? '';
    if (
      !verifyWebhook({
        appKey: deps.tiktok.appKey,
        appSecret: deps.tiktok.appSecret,
        rawBody: raw,
        signature,
      })
    ) {
      throw new AppError('WEBHOOK_BAD_SIGNATURE', 'signature does not match the body');
    }
    let event: TtsWebhookEvent;
    let payload: Record<string, unknown>;
    try {
      ({ event, body: payload } = parseWebhookBody(raw));
    } catch (err) {
      if (err instanceof WebhookPayloadError)
        throw new AppError('WEBHOOK_MALFORMED', err.message, err.path && { path: err.path });
      throw err;
    }
    if (nestsTooDeep(payload))
      throw new AppError('WEBHOOK_MALFORMED', `webhook nests deeper than ${MAX_DEPTH} levels`);
    assertStorableText(payload);
    const freshness = webhookFreshness(event.timestamp, Date.now());
    if (freshness !== 'fresh')
      throw new AppError(
        'WEBHOOK_STALE',
        freshness === 'stale'
          ? `timestamp is older than ${WEBHOOK_MAX_AGE_S / 3600} h`
          : `timestamp is more than ${WEBHOOK_MAX_AHEAD_S / 60} min ahead of our clock`,
      );
    const outcome = await inbox.store({
      platformShopId: event.shopId,
      notificationId: event.notificationId,
      type: Number(payload.type),
      payload,
    });
    if (outcome === 'shop-unknown')
      throw new AppError('SHOP_UNKNOWN', 'no shop is bound with this id');
    if (outcome === 'duplicate') return jsonWithHeaders(c, { status: 'duplicate' });
    deps.nudgeInbox?.();
    return jsonWithHeaders(c, { status: 'accepted' });
  });
}

/** TikTok payloads nest a few levels; deeper ones would overflow JSON.stringify and jsonb. */
const MAX_DEPTH = 32;

/** Iterative, so the depth that is being refused cannot exhaust the stack while measuring it. */
function nestsTooDeep(payload: unknown): boolean {
  const stack: Array<[unknown, number]> = [[payload, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return true;
    for (const v of Object.values(value)) stack.push([v, depth + 1]);
  }
  return false;
}
