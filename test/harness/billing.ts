import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTenant, type Db, insertDispatch, upsertSupplier, withTenant } from '@switchyard/db';
import { seedOrder, seedShop } from '@switchyard/db/testing';
import type { LedgerKind } from '@switchyard/domain';
import { freePort } from '@switchyard/infra/ports';
import { type Service, spawnService, waitHttp } from '@switchyard/infra/processes';
import { type StripeSim, startStripeSim } from '@switchyard/sim-stripe';
import { sql } from 'kysely';
import { inject } from 'vitest';

export const STRIPE_KEY = 'sk_test_switchyard_billing';
export const WEBHOOK_SECRET = `whsec_${randomBytes(16).toString('hex')}`;

/**
 * The billing service as its own process (tsx, real HTTP, real Temporal), on a task queue of
 * its own, against a Stripe simulator in the test process that delivers its webhooks to it.
 * `kill()` is SIGKILL: no shutdown, whatever was in flight is cut.
 */
export async function startBillingService(opts: {
  appUrl: string;
  taskQueue: string;
  /** A Stripe simulator already running (keyed with STRIPE_KEY), shared with the api. */
  stripe?: StripeSim;
  /** More settings of the service (OTEL_EXPORTER_OTLP_ENDPOINT). */
  env?: Record<string, string>;
}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const webhook = { url: `${url}/webhooks/stripe`, secret: WEBHOOK_SECRET };
  const stripe: StripeSim = opts.stripe ?? (await startBillingStripeSim());
  stripe.setWebhook(webhook);
  const logDir = join(tmpdir(), `switchyard-billing-${randomBytes(4).toString('hex')}`);
  mkdirSync(logDir, { recursive: true });
  let service: Service | undefined;
  const start = async () => {
    service = spawnService(
      'billing',
      'services/billing/src/main.ts',
      {
        PORT: String(port),
        DATABASE_URL: opts.appUrl,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        BILLING_TASK_QUEUE: opts.taskQueue,
        STRIPE_SECRET_KEY: STRIPE_KEY,
        STRIPE_API_URL: stripe.url,
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_TIMEOUT_MS: '60000',
        BILLING_SCHEDULE: 'false',
        EVENT_SWEEP_MS: '500',
        WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
        ...opts.env,
      },
      { logDir, port },
    );
    await waitHttp(`${url}/healthz`, service);
  };
  await start();
  return {
    url,
    stripe,
    start,
    kill: async () => {
      const s = service!;
      s.child.kill('SIGKILL');
      await s.gone;
    },
    async close() {
      await service?.stop();
      await stripe.close();
    },
  };
}

/** The Stripe simulator the billing service talks to, accepting STRIPE_KEY. */
export function startBillingStripeSim(): Promise<StripeSim> {
  return startStripeSim({
    apiKeys: [STRIPE_KEY],
    behaviour: { webhookRetryDelaysMs: [200, 500, 1000, 2000] },
  });
}

/** A tenant with `orders` orders of one shop, for ledger entries to hang off. */
export async function seedBillingTenant(db: Db, name: string, orders: number) {
  const tenantId = await createTenant(db, name);
  const orderIds = await withTenant(db, tenantId, async (trx) => {
    const shopId = await seedShop(trx, tenantId, `shop-${name}-${randomBytes(3).toString('hex')}`);
    const ids: string[] = [];
    for (let i = 0; i < orders; i++)
      ids.push(await seedOrder(trx, { tenantId, shopId, platformOrderId: `${name}-o${i}` }));
    return ids;
  });
  return { tenantId, orderIds };
}

/**
 * Ledger rows at a chosen time, as the ledger writer would have made them then: each with its
 * own key, a markup on a dispatch of its order, a credit naming its promise (R-BIL-3, R-SLA-5),
 * an adjustment with its operator and reason.
 */
export async function addEntries(
  db: Db,
  tenantId: string,
  rows: Array<{
    orderId: string;
    kind: LedgerKind;
    amountMinor: bigint;
    currency: string;
    at: string;
  }>,
) {
  const supplierId = rows.some((r) => r.kind === 'logistics_markup')
    ? await upsertSupplier(db, {
        code: 'billing-harness',
        name: 'Billing harness supplier',
        endpointUrl: 'http://127.0.0.1:9',
        signingSecretEnc: 'unused',
        partnerKeyHash: 'billing-harness',
        countries: ['US'],
        carriers: ['USPS'],
      })
    : undefined;
  await withTenant(db, tenantId, async (trx) => {
    for (const [i, r] of rows.entries()) {
      const key = `${r.kind}:${r.orderId}:${i}:${randomBytes(4).toString('hex')}`;
      let dispatchId: string | null = null;
      if (r.kind === 'logistics_markup') {
        dispatchId = `d-${key.slice(r.kind.length + 1)}`;
        await insertDispatch(trx, {
          id: dispatchId,
          tenantId,
          orderId: r.orderId,
          supplierId: supplierId!,
          workflowId: 'billing-harness',
          attempt: i,
        });
      }
      const sla = r.kind === 'sla_credit' ? 'R-SLA-5' : null;
      // An adjustment is an operator's, with a reason.
      const operator = r.kind === 'adjustment' ? 'billing-harness' : null;
      await sql`insert into ledger_entries
          (tenant_id, order_id, kind, amount_minor, currency, created_at, entry_key, dispatch_id, sla,
           reason, operator_id)
        values (${tenantId}, ${r.orderId}, ${r.kind}, ${r.amountMinor}, ${r.currency}, ${r.at},
          ${key}, ${dispatchId}, ${sla}, ${operator}, ${operator})`.execute(trx);
    }
  });
}
