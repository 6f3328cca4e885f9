export type { TokenSet, TtsShop } from './auth-api.ts';
export {
  type CallOptions,
  createTikTokShopClient,
  type OnTokenExpired,
  type TikTokShopClient,
  type TikTokShopClientConfig,
} from './client.ts';
export {
  isTokenRefused,
  mapError,
  parseRetryAfter,
  TikTokShopError,
  type TikTokShopErrorCode,
} from './errors.ts';
export { WEBHOOK_MAX_AGE_S, WEBHOOK_MAX_AHEAD_S, webhookFreshness } from './freshness.ts';
export type {
  DocumentType,
  PackageDetail,
  ParcelSpec,
  ShippingService,
} from './labels-api.ts';
export { MAX_DOCUMENT_BYTES } from './labels-api.ts';
export { backoffDelayMs, DEFAULT_RETRY, type RetryOptions } from './retry.ts';
export type { TtsAddress, TtsLineItem, TtsOrder, TtsPayment } from './schemas.ts';
export type {
  MarkShippedInput,
  MarkShippedResult,
  SearchOrdersInput,
  SearchOrdersResult,
  ShopAuth,
} from './shop-api.ts';
export { canonicalRequestString, signRequest, signWebhook, verifyWebhook } from './sign.ts';
export type { CallRecord } from './transport.ts';
export {
  normalizeOrderStatus,
  parseWebhook,
  parseWebhookBody,
  type TtsWebhookEvent,
  WebhookPayloadError,
} from './webhook.ts';
