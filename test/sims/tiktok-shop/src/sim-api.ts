import type { Hono } from 'hono';
import type { SimLabelPackage } from './labels.ts';
import type {
  CreateOrderInput,
  SimFaults,
  SimOrder,
  SimPackage,
  SimShop,
  WebhookLogEntry,
} from './types.ts';

export interface TikTokShopSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  hostname?: string;
  appKey: string;
  appSecret: string;
  /** App ID used by the consent link; when unset any service_id is accepted. */
  serviceId?: string;
  /** Where the consent form redirects with `?code&state` (the app's configured redirect URL). */
  redirectUrl?: string;
  webhookUrl?: string;
  webhookRetryScheduleMs?: number[];
  webhookTimeoutMs?: number;
  now?: () => number;
  seed?: number;
  onHoldMs?: number;
  /**
   * How order status webhooks spell a cancellation: `CANCEL` as the webhook page says (default),
   * or `CANCELLED` as the Order API does. Which one TikTok sends is unverified (reference §10).
   */
  webhookCancelStatus?: 'CANCEL' | 'CANCELLED';
  /** Share of generated orders with a bad address (PO Box / wrong postcode); default 0. */
  badAddressRate?: number;
  /**
   * Divides the marketplace's deadlines of new orders (48 h to ship, 72 h …; R-SLA-1) for
   * compressed-time simulations: 1,800 makes 48 hours 96 seconds. Default 1.
   */
  slaScale?: number;
  faults?: Partial<SimFaults>;
  /** The carrier-tracking service where TikTok Shipping labels are registered (R-TRK-2). */
  carrierApi?: { url: string; apiKey: string };
}

/** A running simulator. All methods act on the same state the HTTP API serves. */
export interface TikTokShopSim {
  url: string;
  setWebhookUrl(url: string | undefined): void;
  createShop(input?: {
    region?: string;
    name?: string;
    sellerType?: 'LOCAL' | 'CROSS_BORDER';
  }): SimShop;
  issueAuthCode(shopIds: string[]): string;
  createOrder(shopId: string, input?: Partial<CreateOrderInput>): SimOrder;
  getOrder(orderId: string): SimOrder | undefined;
  packages(orderId: string): SimPackage[];
  /** Packages bought through TikTok Shipping for the order, with their labels. */
  labelPackages(orderId: string): SimLabelPackage[];
  pay(orderId: string): SimOrder;
  /** Ends the order's ON_HOLD window now, as its running out would (emits type 1). */
  release(orderId: string): SimOrder;
  scan(orderId: string): SimOrder;
  deliver(orderId: string): SimOrder;
  cancel(orderId: string): SimOrder;
  /** Buyer edits the address: merges the patch and emits a type-3 webhook. */
  updateAddress(orderId: string, patch: Record<string, unknown>): SimOrder;
  /** Seller revokes the app: tokens lose the shop and a type-6 webhook is sent. */
  deauthorize(shopId: string): void;
  webhookLog(): WebhookLogEntry[];
  /** Every access and refresh token issued so far, revoked or not. */
  issuedTokens(): string[];
  /** Waits until no webhook delivery is in flight. */
  webhooksIdle(): Promise<void>;
  faults: SimFaults;
  /** R-PEN-1 state of a shop. */
  shopPenalty(shopId: string): { consecutive: number; total: number; frozenUntilMs: number };
  expireAccessToken(token: string): void;
  /** TikTok no longer accepts the token (36009004), e.g. after the seller revoked the app. */
  revokeAccessToken(token: string): void;
  revokeRefreshToken(token: string): void;
  now(): number;
  advance(ms: number): void;
  /** The Hono app, for `app.request()` tests without a socket. */
  app: Hono;
  close(): Promise<void>;
}
