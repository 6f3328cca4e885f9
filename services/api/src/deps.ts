import type { Keyring } from '@switchyard/auth';
import type { FeePlan } from '@switchyard/billing';
import type { Db } from '@switchyard/db';
import type { Logger } from '@switchyard/observability';
import type { OpsRoutes } from '@switchyard/observability/metrics';
import type { Stripe } from '@switchyard/stripe-billing';
import type { SupplierConnector } from '@switchyard/suppliers';
import type { TikTokShopClient } from '@switchyard/tiktok-shop';
import type { ShopWorkflowTiming } from '@switchyard/workflows';
import type { Client } from '@temporalio/client';
import type { EdgePolicyOverrides } from './edge/policy.ts';
import type { IntakeGauge } from './webhooks/intake-gauge.ts';

/** Everything the API's handlers need, built once at boot (or by a test). */
export interface ApiDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  tiktok: {
    appKey: string;
    appSecret: string;
    /** Seller authorization page, e.g. https://services.tiktokshop.com/open/authorize */
    authorizeUrl: string;
    serviceId: string;
    client: TikTokShopClient;
  };
  keyring: Keyring;
  /** Timing of the per-shop workflows started on onboarding (tests shorten it). */
  shopTiming?: ShopWorkflowTiming;
  /**
   * The partner API's public base URL, as the worker's pushes name it (`callback_base_url`);
   * without it the pull listing names the address the supplier called.
   */
  partnerApiUrl?: string;
  /** How an operator's redelivery reaches a supplier (default: signed HTTP push). */
  suppliers?: SupplierConnector;
  /** How long a partner call waits for its order workflow to take the message (default 10 s). */
  partnerUpdateWaitMs?: number;
  /** Rates, size caps, trusted proxies and HSTS of the HTTP edge; defaults in edge/policy.ts. */
  edge?: EdgePolicyOverrides;
  log: Logger;
  /** The platform's default fee plan as the worker charges it (default PLATFORM_DEFAULT_PLAN). */
  defaultFeePlan?: FeePlan;
  /**
   * Stripe, for the tenant's payment-method page (billing.paymentMethodLink): the client, where
   * the hosted page sends the tenant back, and the currency Checkout asks for. Unset, none.
   */
  stripe?: { client: Stripe; returnUrl: string; currency: string };
  /** The seller portal's build (`vite build` output) to serve at `/`; unset, none is served. */
  portalDir?: string;
  /**
   * Told of each notification newly stored in the inbox, so the inbox dispatcher hands it on
   * at once rather than at its next poll (main.ts wires it to the dispatcher it starts).
   */
  nudgeInbox?: () => void;
  /** Counts the webhook requests being answered; main.ts lets the inbox dispatcher yield to them. */
  intakeGauge?: IntakeGauge;
  /** `/readyz` and `/metrics` (ops.ts); unset, only the liveness `/healthz` is served. */
  ops?: OpsRoutes;
}
