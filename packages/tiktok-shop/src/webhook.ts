import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  isObj,
  optionalId,
  parseOrRefuse,
  requiredId,
  topicType,
  unixSeconds,
  WebhookPayloadError,
} from './webhook-fields.ts';
import { TOPICS, type TtsWebhookEvent } from './webhook-topics.ts';

export { normalizeOrderStatus, WebhookPayloadError } from './webhook-fields.ts';
export type { TtsWebhookEvent } from './webhook-topics.ts';

function derivedId(parts: Array<string | number | undefined>): string {
  const digest = createHash('sha256')
    .update(parts.map((p) => p ?? '').join('|'))
    .digest('hex');
  return `derived-${digest.slice(0, 32)}`;
}

/** The notification around a topic's `data`; unknown fields are ignored. */
const envelope = z.object({
  type: topicType,
  shop_id: requiredId,
  timestamp: unixSeconds,
  tts_notification_id: optionalId,
  data: z.unknown().optional(),
});

/**
 * Tolerant webhook parser. Verify the signature on the raw body first (verifyWebhook), then parse.
 * R-IN-1: the notification id is the dedupe key, so it must be stable across TikTok's retries:
 * when TikTok omits it, it is derived from what tells the topic's notifications apart.
 */
export function parseWebhook(rawBody: string): TtsWebhookEvent {
  return parseWebhookBody(rawBody).event;
}

/** parseWebhook, also giving the parsed body, for callers that store it as received. */
export function parseWebhookBody(rawBody: string): {
  body: Record<string, unknown>;
  event: TtsWebhookEvent;
} {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new WebhookPayloadError('webhook body is not JSON');
  }
  if (!isObj(json)) throw new WebhookPayloadError('webhook body is not an object');
  const {
    type,
    shop_id: shopId,
    timestamp,
    tts_notification_id,
    data,
  } = parseOrRefuse(envelope, json);
  const read = TOPICS.get(type);
  const { key, event } = read
    ? read(data, timestamp)
    : { key: [timestamp], event: { kind: 'ignored' as const, type } };
  const notificationId = tts_notification_id ?? derivedId([type, shopId, ...key]);
  return { body: json, event: { ...event, notificationId, shopId, timestamp } };
}
