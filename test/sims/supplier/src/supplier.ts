import type { SupplierBehaviour } from './behaviour.ts';
import { type CarrierAccount, createCarrierLabel } from './carrier-labels.ts';
import { type PartnerClient, sleep } from './partner-client.ts';
import {
  type InboundDispatch,
  type InboundNotice,
  inboundNoticeSchema,
  parseInboundDispatch,
} from './payload.ts';
import {
  carrierCodeOf,
  generateBadTrackingNumber,
  generateTrackingNumber,
  type Rng,
} from './tracking.ts';

export interface ReceivedDispatch {
  dispatchId: string;
  orderNumber: string;
  /** The acknowledgement deadline the dispatch named, if any. */
  ackDueAt?: string;
  at: number;
  /** Counts duplicate deliveries too; the order is still processed once. */
  deliveries: number;
}

export interface ShippedDispatch {
  dispatchId: string;
  trackingNumber: string;
  carrier: string;
}

/** A platform label the supplier printed (TikTok Shipping). */
export interface PrintedLabel {
  dispatchId: string;
  trackingNumber: string;
  /** HTTP status of the download; the bytes only when it succeeded. */
  status: number;
  bytes: Uint8Array | null;
}

export type ReceiveOutcome =
  | { status: 202; body: { status: 'accepted'; dispatch_id: string } }
  | { status: 200; body: { status: 'duplicate'; dispatch_id: string } }
  | { status: 400; body: { error: { code: 'INVALID_PAYLOAD'; issues: unknown[] } } };

/** A notice the platform sent about one of its dispatches. */
export interface ReceivedNotice {
  noticeId: string;
  type: InboundNotice['type'];
  dispatchId: string;
  trackingNumber: string;
  at: number;
  deliveries: number;
}

export interface SupplierDeps {
  behaviour: SupplierBehaviour;
  /** Where labels are created; absent, the carrier never hears of this supplier's numbers. */
  carrier: () => CarrierAccount | undefined;
  partner: PartnerClient;
  now: () => number;
  rng: Rng;
  signal: AbortSignal;
}

/**
 * The supplier's order desk: remembers what it received (deduped by `webhook-id`), then
 * acks, ships or rejects in the background as its behaviour says.
 */
export function createSupplier(deps: SupplierDeps) {
  const received = new Map<string, ReceivedDispatch>();
  const shipped: ShippedDispatch[] = [];
  const printed: PrintedLabel[] = [];
  const notices = new Map<string, ReceivedNotice>();
  const callbacks = new Map<string, string>();
  const jobs = new Set<Promise<void>>();

  /** One callback to the partner API; sometimes twice at once, as a retry storm sends it. */
  async function callback(
    b: SupplierBehaviour,
    base: string,
    path: string,
    body: unknown,
    key: string,
  ) {
    const twice = b.duplicateCallbackRate > 0 && deps.rng() < b.duplicateCallbackRate;
    const sent = [deps.partner.post(base, path, body, key)];
    if (twice) sent.push(deps.partner.post(base, path, body, key));
    await Promise.all(sent);
  }

  async function fulfil(dispatch: InboundDispatch, b: SupplierBehaviour, receivedAt: number) {
    const id = dispatch.dispatch_id;
    const base = dispatch.callback_base_url ?? '';
    const path = (step: string) => `/dispatches/${encodeURIComponent(id)}/${step}`;
    const startedAt = performance.now();
    if (b.mode === 'silent') return;

    await sleep(b.ackDelayMs, deps.signal);
    if (b.mode === 'reject') {
      await callback(b, base, path('reject'), { reason: 'out_of_stock' }, `${id}:reject`);
      return;
    }
    const expectedShipAt = new Date(receivedAt + b.shipDelayMs).toISOString();
    const ack = { expected_ship_at: expectedShipAt, channel: b.carrier };
    await callback(b, base, path('ack'), ack, `${id}:ack`);
    if (b.mode === 'no_tracking') return;

    // Ship delay counts from receipt, like a warehouse's cut-off, not from the ack.
    await sleep(Math.max(0, b.shipDelayMs - (performance.now() - startedAt)), deps.signal);
    callbacks.set(id, base);
    if (dispatch.label) {
      // The platform bought the label: print it, and ship under its number (nothing to invent).
      const file = await deps.partner.download(dispatch.label.url);
      printed.push({ dispatchId: id, trackingNumber: dispatch.label.tracking_number, ...file });
      if (!file.bytes) return;
      shipped.push({
        dispatchId: id,
        trackingNumber: dispatch.label.tracking_number,
        carrier: 'TikTok Shipping',
      });
      const shipment = {
        tracking_number: dispatch.label.tracking_number,
        carrier: 'TikTok Shipping',
      };
      await callback(b, base, path('shipment'), shipment, `${id}:ship`);
      return;
    }
    const trackingNumber =
      b.mode === 'bad_tracking'
        ? generateBadTrackingNumber(b.carrier, deps.rng)
        : generateTrackingNumber(b.carrier, deps.rng);
    await ship(id, trackingNumber, b, b.mode === 'normal', `${id}:ship`);
  }

  /** Prints the label (when it is a real one), then reports the shipment. */
  async function ship(
    id: string,
    trackingNumber: string,
    b: SupplierBehaviour,
    label: boolean,
    idempotencyKey: string,
  ) {
    if (label)
      await createCarrierLabel(
        deps.carrier(),
        carrierCodeOf(b.carrier),
        trackingNumber,
        deps.signal,
      );
    // Recorded before the callback: the parcel left whether or not the call gets through.
    shipped.push({ dispatchId: id, trackingNumber, carrier: b.carrier });
    const shipment = { tracking_number: trackingNumber, carrier: b.carrier };
    const path = `/dispatches/${encodeURIComponent(id)}/shipment`;
    await callback(b, callbacks.get(id) ?? '', path, shipment, idempotencyKey);
  }

  function track(job: Promise<void>) {
    // Closing the sim aborts sleeps; those rejections are expected, not failures.
    const settled = job.catch(() => undefined);
    jobs.add(settled);
    void settled.finally(() => jobs.delete(settled));
  }

  return {
    /** Handles one verified delivery; `webhookId` is the dedupe key (Standard Webhooks). */
    receive(webhookId: string, rawBody: string): ReceiveOutcome {
      const seen = received.get(webhookId);
      if (seen) {
        seen.deliveries += 1;
        return { status: 200, body: { status: 'duplicate', dispatch_id: seen.dispatchId } };
      }
      const parsed = parseInboundDispatch(rawBody);
      if (!parsed.ok) {
        return { status: 400, body: { error: { code: 'INVALID_PAYLOAD', issues: parsed.issues } } };
      }
      const { dispatch } = parsed;
      const at = deps.now();
      received.set(webhookId, {
        dispatchId: dispatch.dispatch_id,
        orderNumber: dispatch.order.order_number,
        ...(dispatch.ack_due_at && { ackDueAt: dispatch.ack_due_at }),
        at,
        deliveries: 1,
      });
      // Snapshot: a supplier decides how to handle an order when it takes it in.
      track(fulfil(dispatch, { ...deps.behaviour }, at));
      return { status: 202, body: { status: 'accepted', dispatch_id: dispatch.dispatch_id } };
    },
    /** Handles a verified notice; `webhookId` dedupes it. */
    notice(
      webhookId: string,
      rawBody: string,
    ): ReceiveOutcome | { status: 200; body: { status: 'noted' } } {
      const seen = notices.get(webhookId);
      if (seen) {
        seen.deliveries += 1;
        return { status: 200, body: { status: 'noted' } };
      }
      const parsed = inboundNoticeSchema.safeParse(JSON.parse(rawBody));
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({
          path: i.path.join('.'),
          message: i.message,
        }));
        return { status: 400, body: { error: { code: 'INVALID_PAYLOAD', issues } } };
      }
      const n = parsed.data;
      notices.set(webhookId, {
        noticeId: n.notice_id,
        type: n.type,
        dispatchId: n.dispatch_id,
        trackingNumber: n.tracking_number,
        at: deps.now(),
        deliveries: 1,
      });
      const b = { ...deps.behaviour };
      // The warehouse looks again and sends the number from a label it really printed.
      if (n.type === 'tracking.rejected' && b.onTrackingRejected === 'reship')
        track(
          ship(
            n.dispatch_id,
            generateTrackingNumber(b.carrier, deps.rng),
            b,
            true,
            `${n.notice_id}:reship`,
          ),
        );
      return { status: 200, body: { status: 'noted' } };
    },
    received: () => [...received.values()].map((r) => ({ ...r })),
    notices: () => [...notices.values()].map((n) => ({ ...n })),
    shipped: () => shipped.map((s) => ({ ...s })),
    printed: () => printed.map((p) => ({ ...p })),
    /** Resolves when all background work has finished or been aborted. */
    idle: () => Promise.all([...jobs]).then(() => undefined),
  };
}

export type Supplier = ReturnType<typeof createSupplier>;
