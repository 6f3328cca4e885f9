import { decrypt } from '@switchyard/auth';
import {
  addSupplierDay,
  appendOrderEvent,
  getFileSupplier,
  getOrder,
  getOrderLabel,
  getSupplier,
  insertDispatch,
  markDispatchRejected,
  markDispatchWithdrawn,
  markOrderDispatched,
  notifyTenant,
  type OrderEventKind,
  raiseOperatorAlert,
  recordApiCall,
  recordDelivery,
  recordDeliveryFailure,
  reserveDispatchStock,
  type Trx,
} from '@switchyard/db';
import {
  describeDuration,
  type FulfillmentPolicy,
  isFileConnector,
  nextSlotMs,
  pushesAtDispatch,
  type Recipient,
  resolvePolicy,
  type SupplierPolicy,
  supplierClocks,
  TIKTOK_SHIPPING,
} from '@switchyard/domain';
import { buildDispatchPayload, SupplierDispatchError } from '@switchyard/suppliers';
import { ApplicationFailure, log } from '@temporalio/activity';
import { type Acknowledgement, dispatchedEvent, recordAcknowledgement } from './acknowledge.ts';
import { type ActivityContext, policyOf, type Scope, type WithPolicy } from './context.ts';
import { ensureOrderLabel } from './label.ts';

/** What the tenant is told when a supplier misses a clock of the order's policy. */
const ESCALATIONS = {
  supplier_no_ack: (p) =>
    `the supplier did not acknowledge within ${describeDuration(p.ackWindowMs)}; it is being re-routed.`,
  supplier_not_shipped: (p) =>
    `the supplier has not shipped ${describeDuration(p.escalateAfterReminderMs)} after the reminder; it is being re-routed.`,
  shipment_overdue: (p) =>
    `tracking is ${describeDuration(p.reminderAfterDueMs)} overdue; the supplier was reminded.`,
} satisfies Record<string, (policy: FulfillmentPolicy) => string>;

/** Handing the order to a supplier and recording what the supplier says. */
export function dispatchActivities(ctx: ActivityContext) {
  const { deps, tx } = ctx;
  const event = (
    s: Scope,
    kind: OrderEventKind,
    dedupeKey: string,
    detail: Record<string, unknown>,
  ) => tx(s.tenantId, (trx) => appendOrderEvent(trx, { ...s, kind, dedupeKey, detail }));

  /** Tells the tenant once per dispatch that its supplier is not keeping an SLA. */
  async function escalate(
    input: Scope & WithPolicy & { dispatchId: string },
    kind: keyof typeof ESCALATIONS,
  ) {
    const order = await ctx.loadOrder(input.tenantId, input.orderId);
    await tx(input.tenantId, (trx) =>
      notifyTenant(trx, {
        tenantId: input.tenantId,
        shopId: order.shop_id,
        kind,
        message: `Order ${order.platform_order_id}: ${ESCALATIONS[kind](policyOf(input))}`,
        dedupeKey: `${kind}:${input.dispatchId}`,
      }),
    );
  }

  /** The dispatch of a supplier that pulls or takes files: on the timeline, nothing sent. */
  /** The dispatch goes no further (R-RT-1): rejected on its row, the reason on the timeline. */
  async function refuse(
    trx: Trx,
    { tenantId, orderId, dispatchId }: Scope & { dispatchId: string },
    supplier: string,
    code: string,
  ) {
    await markDispatchRejected(trx, dispatchId);
    await appendOrderEvent(trx, {
      tenantId,
      orderId,
      kind: 'dispatch_refused',
      dedupeKey: `dispatch_refused:${dispatchId}`,
      detail: { supplier, code },
    });
  }

  async function recordWaiting(
    input: Scope & { supplierId: string; dispatchId: string },
    supplier: { code: string; connector: Parameters<typeof isFileConnector>[0] },
    clocks: SupplierPolicy | undefined,
  ): Promise<{ ok: true; clocks?: SupplierPolicy; batchAt?: string }> {
    const { tenantId, orderId, supplierId, dispatchId } = input;
    const file = isFileConnector(supplier.connector)
      ? await getFileSupplier(ctx.deps.db, supplierId)
      : undefined;
    const batchAt = file
      ? new Date(
          nextSlotMs(ctx.now().getTime(), {
            timeZone: file.time_zone,
            minutes: file.schedule_minutes,
          }),
        ).toISOString()
      : undefined;
    await tx(tenantId, async (trx) => {
      await markOrderDispatched(trx, { orderId, supplierId, dispatchId });
      const e = dispatchedEvent(input, supplier.code);
      await appendOrderEvent(trx, {
        ...e,
        detail: { ...e.detail, connector: supplier.connector, ...(batchAt && { batchAt }) },
      });
    });
    return { ok: true, ...(clocks && { clocks }), ...(batchAt && { batchAt }) };
  }

  /**
   * R-RT-1 with R-CHK-3: a line group of a TikTok Shipping order ships on a label of its own,
   * bought before its first supplier hears of it (a re-routed group keeps it). The hold that
   * says why none could be bought, if so.
   */
  async function groupLabelHold(input: Scope & { group: { index: number; itemCodes: string[] } }) {
    const { tenantId, orderId, group } = input;
    const order = await ctx.loadOrder(tenantId, orderId);
    if (order.carrier !== TIKTOK_SHIPPING || order.source !== 'marketplace') return undefined;
    const holds = await ensureOrderLabel(ctx, {
      tenantId,
      orderId,
      shopId: order.shop_id,
      platformOrderId: order.platform_order_id,
      group: {
        index: group.index,
        lines: order.supplier_lines.filter((l) => group.itemCodes.includes(l.supplierItemCode)),
      },
    });
    return holds[0];
  }

  return {
    /**
     * Pushes the order to the supplier (R-RT-2); the dispatch id doubles as webhook id. A
     * supplier reached otherwise (pull, file batch) gets the dispatch row only, which waits for
     * its pull or its next batch; for a file supplier `batchAt` says when that batch leaves, from
     * which its acknowledgement window (R-SLA-2) fairly runs.
     */
    async dispatchToSupplier(
      input: Scope &
        WithPolicy & {
          supplierId: string;
          dispatchId: string;
          attempt: number;
          /**
           * R-RT-1 split: the line group this dispatch carries, by its supplier item codes;
           * `lines`, when part of the group shipped already, the units left of it.
           */
          group?: {
            index: number;
            itemCodes: string[];
            lines?: Array<{ supplierItemCode: string; quantity: number }>;
          };
        },
    ): Promise<{ ok: boolean; clocks?: SupplierPolicy; batchAt?: string }> {
      const { tenantId, orderId, supplierId, dispatchId } = input;
      // The dispatch row exists before the supplier can answer it, its units reserved (R-RT-1);
      // one transaction with the reads.
      const now = ctx.now().getTime();
      const labelHold = input.group
        ? await groupLabelHold({ ...input, group: input.group })
        : undefined;
      const { order, supplier, clocks, held, reserved, label, lines } = await tx(
        tenantId,
        async (trx) => {
          const order = await getOrder(trx, orderId);
          // The platform label of a TikTok Shipping order (R-CHK-3), bought before routing, or
          // the line group's, bought above. A seller-shipped order has none: no lookup.
          const label =
            order?.carrier === TIKTOK_SHIPPING
              ? await getOrderLabel(trx, orderId, input.group?.index ?? null)
              : undefined;
          const supplier = await getSupplier(trx, supplierId);
          if (!order || !supplier || !order.recipient_enc)
            throw ApplicationFailure.nonRetryable(
              'order, supplier or address missing',
              'DISPATCH_INCOMPLETE',
            );
          // R-SLA-2, R-SLA-4: the supplier is held to its contract's clocks where it sets them.
          const clocks = supplierClocks(supplier.sla_policy);
          const held = resolvePolicy({ supplier: clocks }, policyOf(input));
          const { group } = input;
          const lines = group
            ? groupLines(
                order.supplier_lines.filter((l) => group.itemCodes.includes(l.supplierItemCode)),
                group.lines,
              )
            : order.supplier_lines;
          const inserted = await insertDispatch(trx, {
            id: dispatchId,
            tenantId,
            orderId,
            supplierId,
            workflowId: order.workflow_id,
            attempt: input.attempt,
            ackDueAt: new Date(now + held.ackWindowMs),
            ...(group && { group: { index: group.index, lines } }),
          });
          // No label for the group: the supplier is not sent a parcel it cannot label.
          if (labelHold) {
            await refuse(trx, input, supplier.code, labelHold.code);
            return { order, supplier, clocks, held, reserved: false, label, lines };
          }
          // Another order took the last units since routing chose this supplier: the next
          // candidate is tried, and the supplier never hears of it.
          if (!(await reserveDispatchStock(trx, dispatchId))) {
            await refuse(trx, input, supplier.code, 'OUT_OF_STOCK');
            return { order, supplier, clocks, held, reserved: false, label, lines };
          }
          // R-RT-1: today's capacity and the record count each dispatch once.
          if (inserted) await addSupplierDay(trx, supplierId, { dispatched: 1 });
          return { order, supplier, clocks, held, reserved: true, label, lines };
        },
      );
      if (!reserved) return { ok: false };
      if (!pushesAtDispatch(supplier.connector)) return recordWaiting(input, supplier, clocks);
      const recipientEnc = order.recipient_enc!;
      const r: Recipient = JSON.parse(decrypt(deps.keyring, recipientEnc));
      const payload = buildDispatchPayload({
        dispatchId,
        orderNumber: order.platform_order_id,
        lines,
        recipient: r,
        carrierCode: order.carrier ?? '',
        shipBy: order.ship_by ?? new Date(now + held.shipWindowMs),
        ackDueAt: new Date(now + held.ackWindowMs),
        callbackBaseUrl: deps.partnerApiUrl,
        label: label && {
          packageId: label.package_id,
          trackingNumber: label.tracking_number,
          carrier: label.carrier,
          documentType: label.document_type,
        },
      });
      const started = Date.now();
      const call = (trx: Trx, httpStatus: number | null, code: string | null) =>
        recordApiCall(trx, {
          tenantId,
          orderId,
          target: `supplier:${supplier.code}`,
          endpoint: 'POST dispatch',
          httpStatus,
          code,
          latencyMs: Date.now() - started,
        });
      let status: number;
      try {
        const res = await deps.suppliers.dispatch(
          {
            endpointUrl: supplier.endpoint_url,
            signingSecret: decrypt(deps.keyring, supplier.signing_secret_enc),
          },
          payload,
        );
        status = res.status;
      } catch (err) {
        if (!(err instanceof SupplierDispatchError)) throw err;
        const refused = !err.retryable;
        const health = await tx(tenantId, async (trx) => {
          await call(trx, err.status ?? null, err.code);
          if (refused) {
            await refuse(trx, input, supplier.code, err.code);
            return undefined;
          }
          const h = await recordDeliveryFailure(trx, supplierId, deps.pauseAfterFailures ?? 30);
          // The operator is told in the same commit that pauses it (issue 10 item 4).
          if (h.pausedNow)
            await raiseOperatorAlert(trx, {
              kind: 'supplier_paused',
              dedupeKey: `supplier_paused:${supplierId}:${dispatchId}`,
              supplierId,
              tenantId,
              orderId,
              message: `Supplier ${supplier.code}: endpoint paused after ${h.failures} failed deliveries in a row (last ${err.code}); routing skips it until ops.suppliers.resume`,
              detail: {
                supplier: supplier.code,
                failures: h.failures,
                code: err.code,
                status: err.status ?? null,
              },
              deliver: true,
            });
          return h;
        });
        if (health?.pausedNow)
          log.error('supplier endpoint paused: routing skips it until an operator resumes it', {
            supplier: supplier.code,
            failures: health.failures,
            code: err.code,
          });
        // A paused endpoint is not tried again for this order: it moves on (R-RT-2).
        if (health?.paused)
          throw ApplicationFailure.nonRetryable(
            `supplier ${supplier.code} is paused after ${health.failures} failed deliveries`,
            'SUPPLIER_PAUSED',
          );
        if (!refused) throw err;
        return { ok: false };
      }
      // The call's log line, the order's status and its timeline in one transaction. The
      // supplier's acknowledgement may have been recorded already (the partner API records it
      // as it comes); then the status stays and the step is there.
      await tx(tenantId, async (trx) => {
        await call(trx, status, null);
        await recordDelivery(trx, supplierId);
        await markOrderDispatched(trx, { orderId, supplierId, dispatchId });
        await appendOrderEvent(trx, dispatchedEvent(input, supplier.code));
      });
      return clocks ? { ok: true, clocks } : { ok: true };
    },

    /**
     * Version 3 orders record the supplier's acknowledgement here, after their workflow took
     * it. The partner API now records it before it tells the workflow, so this usually finds
     * the dispatch acknowledged and changes nothing.
     */
    async recordAck(input: Acknowledgement) {
      await tx(input.tenantId, (trx) => recordAcknowledgement(trx, input));
    },

    /**
     * Takes the dispatch back; the tenant hears of a supplier that went silent. With
     * `ifUnanswered` (from input version 4) a dispatch its supplier has acknowledged meanwhile
     * is kept: the row decides between a late answer and the deadline, or a call that failed
     * yet reached the supplier. Returns whether the dispatch stays with its supplier.
     */
    async withdrawDispatch(
      input: Scope &
        WithPolicy & { dispatchId: string; reason: string; ifUnanswered?: boolean | undefined },
    ): Promise<{ kept: boolean }> {
      const { tenantId, dispatchId, reason, ifUnanswered } = input;
      const { taken, kept } = await tx(tenantId, (trx) =>
        markDispatchWithdrawn(trx, dispatchId, { ifUnanswered }),
      );
      // Kept, or no dispatch to take back: nothing to tell.
      if (ifUnanswered && !taken) return { kept };
      await event(input, 'dispatch_withdrawn', `withdrawn:${dispatchId}`, { dispatchId, reason });
      // R-SLA-2 / R-SLA-4: a supplier that went silent is escalated to the tenant, not just re-routed.
      if (reason === 'ack_timeout' || reason === 'not_shipped')
        await escalate(
          input,
          reason === 'ack_timeout' ? 'supplier_no_ack' : 'supplier_not_shipped',
        );
      return { kept };
    },

    /** R-SLA-4: tracking is overdue. On the timeline, and the tenant is told. */
    async remindSupplier(input: Scope & WithPolicy & { dispatchId: string }) {
      await event(input, 'supplier_reminded', `reminded:${input.dispatchId}`, {
        dispatchId: input.dispatchId,
        rule: 'R-SLA-4',
      });
      await escalate(input, 'shipment_overdue');
    },
  };
}

/**
 * The lines a group's dispatch carries: the group's, or what is left of them after a partial
 * package (never more of an item than the group has, never an item it has not).
 */
function groupLines<L extends { supplierItemCode: string; quantity: number }>(
  group: L[],
  left: Array<{ supplierItemCode: string; quantity: number }> | undefined,
): L[] {
  if (!left) return group;
  return group.flatMap((l) => {
    const q = left
      .filter((x) => x.supplierItemCode === l.supplierItemCode)
      .reduce((n, x) => n + x.quantity, 0);
    const quantity = Math.min(Math.max(q, 0), l.quantity);
    if (quantity <= 0) return [];
    if (quantity === l.quantity) return [l];
    // The marketplace units behind the item, in proportion (a 2-pack listing is 2 units each).
    const sources = (l as { sources?: Array<{ skuId: string; quantity: number }> }).sources;
    return [
      {
        ...l,
        quantity,
        ...(sources && {
          sources: sources.map((x) => ({
            ...x,
            quantity: Math.round((x.quantity * quantity) / l.quantity),
          })),
        }),
      },
    ];
  });
}
