import { orderWorkflowId } from '@switchyard/domain';
import { stockSimCatalog } from '@switchyard/infra/sim-catalog';
import {
  type ConnectorInput,
  registerSupplier,
  setSupplierConnector,
} from '@switchyard/onboarding';
import { generateTrackingNumber } from '@switchyard/sim-supplier';
import { generateWebhookSecret } from '@switchyard/suppliers';
import {
  createFileBatchActivities,
  processSupplierFile,
  type SweepSummary,
} from '@switchyard/workflows';
import { MockActivityEnvironment } from '@temporalio/testing';
import { eventually, type Platform } from '../../harness/platform.ts';
import { trpc } from '../../harness/walking-skeleton.ts';

/** A test clock the batch sweep reads: slots come when the test says, never by waiting. */
export function testClock(startMs = Date.now()) {
  let ms = startMs;
  return {
    now: () => new Date(ms),
    set(to: number) {
      ms = to;
    },
    get ms() {
      return ms;
    },
  };
}

/** Registers a supplier without IT, reached by `connector`, stocking the simulator's catalog. */
export async function registerFileSupplier(p: Platform, code: string, connector: ConnectorInput) {
  const reach = { countries: ['US', 'GB'], carriers: ['USPS', 'UPS'] };
  const { supplierId, partnerKey } = await registerSupplier(
    { db: p.db, keyring: p.keyring },
    {
      code,
      name: code,
      // Never called: a file supplier is not pushed to.
      endpointUrl: 'http://127.0.0.1:9/unused',
      signingSecret: generateWebhookSecret(),
      ...reach,
    },
  );
  await setSupplierConnector({ db: p.db, keyring: p.keyring }, supplierId, connector);
  await stockSimCatalog(p.db, { supplierId, ...reach });
  return { supplierId, partnerKey };
}

/** The tenant pins the supplier, so routing sends it the tenant's orders (R-RT-1). */
export async function pin(p: Platform, tenant: number, supplierId: string) {
  await trpc(p, p.tenants[tenant]!.apiToken).suppliers.setPreference.mutate({
    supplierId,
    preference: 'pin',
  });
}

/** Creates an order for tenant `i` and waits until its dispatch row waits for a batch. */
export async function orderAwaitingBatch(p: Platform, tenant: number, supplierId: string) {
  const t = p.tenants[tenant]!;
  const order = p.tts.createOrder(t.simShopId);
  const workflowId = orderWorkflowId(t.tenantId, t.shopId, order.id);
  const dispatch = await eventually(
    () =>
      p.admin
        .selectFrom('dispatches as d')
        .innerJoin('orders as o', 'o.id', 'd.order_id')
        .select([
          'd.id',
          'd.status',
          'd.file_batch_id',
          'd.supplier_id',
          'o.carrier',
          'o.id as orderId',
        ])
        .where('o.workflow_id', '=', workflowId)
        .executeTakeFirst(),
    60_000,
    100,
  );
  if (dispatch.supplier_id !== supplierId) throw new Error('routed to another supplier');
  return { order, dispatch, workflowId, tenant: t };
}

/** One sweep pass run right here (the periodic workflow runs the same activity). */
export async function sweepOnce(
  p: Platform,
  now: () => Date,
  email?: Parameters<typeof createFileBatchActivities>[0]['email'],
): Promise<SweepSummary> {
  const acts = createFileBatchActivities({
    db: p.db,
    keyring: p.keyring,
    email,
    now,
    answers: (file) => processSupplierFile(p.apiDeps, file),
  });
  return new MockActivityEnvironment().run(acts.sweepFileSuppliers);
}

/** A supplier's answer file. */
export function answerCsv(rows: string[][]): string {
  return [
    'dispatch_id,action,expected_ship_at,carrier,tracking_number,reason',
    ...rows.map((r) => r.join(',')),
  ].join('\r\n');
}

/**
 * A label the supplier prints at the order's carrier (R-TRK-1, R-TRK-2): a number of its shape,
 * known to the carrier before the supplier reports it.
 */
export async function labelFor(p: Platform, carrier: string | null): Promise<string> {
  const code = carrier === 'UPS' ? 'UPS' : 'USPS';
  const trackingNumber = generateTrackingNumber(code);
  await p.createLabel(code, trackingNumber);
  return trackingNumber;
}

/** Uploads an answer file through the partner API. */
export async function uploadAnswers(
  p: Platform,
  partnerKey: string,
  name: string,
  body: string | Uint8Array,
) {
  const res = await fetch(`${p.apiUrl}/partner/v1/files?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${partnerKey}`, 'content-type': 'text/csv' },
    body,
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & {
      results: Array<Record<string, unknown>>;
    },
  };
}
