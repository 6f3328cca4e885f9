import {
  getAuthorizedShops,
  getToken,
  refreshToken,
  type TokenSet,
  type TtsShop,
} from './auth-api.ts';
import { isTokenRefused, type TikTokShopError } from './errors.ts';
import {
  createPackage,
  type DocumentType,
  downloadDocument,
  getPackageDetail,
  getShippingDocument,
  type PackageDetail,
  type ParcelSpec,
  queryShippingServices,
  type ShippingService,
  shipPackage,
} from './labels-api.ts';
import { DEFAULT_RETRY, type RetryOptions, realSleep } from './retry.ts';
import type { TtsOrder } from './schemas.ts';
import {
  getOrderDetail,
  getShippingProviders,
  type MarkShippedInput,
  type MarkShippedResult,
  markPackageShipped,
  type SearchOrdersInput,
  type SearchOrdersResult,
  type ShopAuth,
  searchOrders,
  updateShippingInfo,
} from './shop-api.ts';
import type { CallRecord, TransportConfig } from './transport.ts';

/**
 * Called once when TikTok refuses the access token, expired (TTS_TOKEN_EXPIRED) or no longer
 * valid (TTS_TOKEN_INVALID, e.g. revoked); return fresh credentials and the call is retried once.
 */
export type OnTokenExpired = (auth: ShopAuth) => Promise<ShopAuth>;

export interface CallOptions {
  onTokenExpired?: OnTokenExpired | undefined;
  /**
   * Called when TikTok refuses the fresh credentials too: the authorization itself is gone and
   * only the seller can renew it. What it throws is what the call throws.
   */
  onTokenRefused?: ((err: TikTokShopError) => Promise<never>) | undefined;
}

export interface TikTokShopClientConfig {
  /** e.g. https://open-api.tiktokglobalshop.com */
  apiBaseUrl: string;
  /** e.g. https://auth.tiktok-shops.com */
  authBaseUrl: string;
  appKey: string;
  appSecret: string;
  fetch?: typeof globalThis.fetch;
  /** ms clock; the signed `timestamp` is derived from it. */
  now?: () => number;
  onCall?: (rec: CallRecord) => void;
  retry?: Partial<RetryOptions>;
  /** Injected in tests so backoff does not wait in real time. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0,1). */
  random?: () => number;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  onTokenExpired?: OnTokenExpired;
  onTokenRefused?: CallOptions['onTokenRefused'];
}

export interface TikTokShopClient {
  getToken(authCode: string): Promise<TokenSet>;
  refreshToken(refreshToken: string): Promise<TokenSet>;
  getAuthorizedShops(accessToken: string): Promise<TtsShop[]>;
  searchOrders(
    auth: ShopAuth,
    input: SearchOrdersInput,
    opts?: CallOptions,
  ): Promise<SearchOrdersResult>;
  getOrderDetail(auth: ShopAuth, ids: string[], opts?: CallOptions): Promise<TtsOrder[]>;
  getShippingProviders(
    auth: ShopAuth,
    deliveryOptionId: string,
    opts?: CallOptions,
  ): Promise<Array<{ id: string; name: string }>>;
  markPackageShipped(
    auth: ShopAuth,
    orderId: string,
    input: MarkShippedInput,
    opts?: CallOptions,
  ): Promise<MarkShippedResult>;
  updateShippingInfo(
    auth: ShopAuth,
    orderId: string,
    input: { trackingNumber: string; shippingProviderId: string },
    opts?: CallOptions,
  ): Promise<void>;
  /** TikTok Shipping (platform label) purchase flow, reference §5. */
  queryShippingServices(
    auth: ShopAuth,
    orderId: string,
    input: { parcel: ParcelSpec; orderLineItemIds?: string[] | undefined },
    opts?: CallOptions,
  ): Promise<ShippingService[]>;
  createPackage(
    auth: ShopAuth,
    input: {
      orderId: string;
      orderLineItemIds: string[];
      shippingServiceId: string;
      parcel: ParcelSpec;
    },
    opts?: CallOptions,
  ): Promise<{ packageId: string; orderLineItemIds: string[] }>;
  getPackageDetail(auth: ShopAuth, packageId: string, opts?: CallOptions): Promise<PackageDetail>;
  getShippingDocument(
    auth: ShopAuth,
    packageId: string,
    input: {
      documentType: DocumentType;
      documentSize?: 'A6' | 'A5';
      documentFormat?: 'PDF' | 'ZPL';
    },
    opts?: CallOptions,
  ): Promise<{ docUrl: string; trackingNumber: string | undefined }>;
  downloadDocument(url: string): Promise<{ bytes: Uint8Array; contentType: string }>;
  shipPackage(
    auth: ShopAuth,
    packageId: string,
    input: { handoverMethod: 'PICKUP' | 'DROP_OFF' },
    opts?: CallOptions,
  ): Promise<void>;
}

/**
 * Typed client of the TikTok Shop Open API, version 202309.
 * @example
 * const tts = createTikTokShopClient({ apiBaseUrl, authBaseUrl, appKey, appSecret });
 * const [shop] = await tts.getAuthorizedShops(token.accessToken);
 * await tts.getOrderDetail({ accessToken: token.accessToken, shopCipher: shop.cipher }, [orderId]);
 */
export function createTikTokShopClient(config: TikTokShopClientConfig): TikTokShopClient {
  const cfg: TransportConfig = {
    apiBaseUrl: config.apiBaseUrl,
    authBaseUrl: config.authBaseUrl,
    appKey: config.appKey,
    appSecret: config.appSecret,
    fetch: config.fetch ?? globalThis.fetch,
    now: config.now ?? Date.now,
    sleep: config.sleep ?? realSleep,
    random: config.random ?? Math.random,
    retry: { ...DEFAULT_RETRY, ...config.retry },
    timeoutMs: config.timeoutMs ?? 15_000,
    onCall: config.onCall,
  };

  // Token refresh belongs to the caller (it owns storage and locking); we only offer the single
  // refresh-and-retry so one expired token does not fail a whole batch.
  async function withAuth<T>(
    auth: ShopAuth,
    opts: CallOptions | undefined,
    fn: (a: ShopAuth) => Promise<T>,
  ): Promise<T> {
    const hook = opts?.onTokenExpired ?? config.onTokenExpired;
    try {
      return await fn(auth);
    } catch (err) {
      if (!hook || !isTokenRefused(err)) throw err;
    }
    const fresh = await hook(auth);
    try {
      return await fn(fresh);
    } catch (err) {
      const refused = opts?.onTokenRefused ?? config.onTokenRefused;
      if (refused && isTokenRefused(err)) return refused(err);
      throw err;
    }
  }

  return {
    getToken: (code) => getToken(cfg, code),
    refreshToken: (token) => refreshToken(cfg, token),
    getAuthorizedShops: (token) => getAuthorizedShops(cfg, token),
    searchOrders: (auth, input, opts) => withAuth(auth, opts, (a) => searchOrders(cfg, a, input)),
    getOrderDetail: (auth, ids, opts) => withAuth(auth, opts, (a) => getOrderDetail(cfg, a, ids)),
    getShippingProviders: (auth, id, opts) =>
      withAuth(auth, opts, (a) => getShippingProviders(cfg, a, id)),
    markPackageShipped: (auth, orderId, input, opts) =>
      withAuth(auth, opts, (a) => markPackageShipped(cfg, a, orderId, input)),
    updateShippingInfo: (auth, orderId, input, opts) =>
      withAuth(auth, opts, (a) => updateShippingInfo(cfg, a, orderId, input)),
    queryShippingServices: (auth, orderId, input, opts) =>
      withAuth(auth, opts, (a) => queryShippingServices(cfg, a, orderId, input)),
    createPackage: (auth, input, opts) => withAuth(auth, opts, (a) => createPackage(cfg, a, input)),
    getPackageDetail: (auth, id, opts) => withAuth(auth, opts, (a) => getPackageDetail(cfg, a, id)),
    getShippingDocument: (auth, id, input, opts) =>
      withAuth(auth, opts, (a) => getShippingDocument(cfg, a, id, input)),
    downloadDocument: (url) => downloadDocument(cfg, url),
    shipPackage: (auth, id, input, opts) =>
      withAuth(auth, opts, (a) => shipPackage(cfg, a, id, input)),
  };
}
