import { z } from 'zod';
import {
  flag,
  idList,
  objectList,
  optionalId,
  orderStatus,
  parseOrRefuse,
  requiredId,
  topicData,
  unixSeconds,
} from './webhook-fields.ts';

// One zod schema per topic for its `data`; webhook.ts parses the envelope around it.

export interface Common {
  /** `tts_notification_id`, or a stable digest when TikTok omits it (older payloads do). */
  notificationId: string;
  shopId: string;
  /** Push time, unix seconds. */
  timestamp: number;
}

/** Parsed webhook, one variant per topic we act on (reference §3 type numbers). */
export type TtsWebhookEvent =
  | (Common & {
      kind: 'order_status';
      orderId: string;
      /** Order API spelling: the webhook's `CANCEL` is normalized to `CANCELLED`. */
      status: string;
      /**
       * `is_on_hold_order`: the order has been or will be through ON_HOLD, whatever its status
       * now (TikTok sends `true` with UNPAID and on cancelled orders, reference §3). It never
       * says the order is on hold: decide by `status`.
       */
      onHoldOrder: boolean;
      updateTime: number;
    })
  | (Common & { kind: 'address_update'; orderId: string; updateTime: number })
  | (Common & {
      kind: 'package_update';
      scType: string | undefined;
      roleType: string | undefined;
      packages: Array<{ packageId: string; orderIds: string[] }>;
      updateTime: number;
    })
  | (Common & { kind: 'deauthorization'; message: string })
  | (Common & { kind: 'authorization_expiring'; message: string; expirationTime: number })
  | (Common & {
      kind: 'cancellation';
      orderId: string;
      cancelStatus: string;
      cancelId: string | undefined;
      cancellationsRole: string | undefined;
      createTime: number;
    })
  | (Common & { kind: 'ignored'; type: number });

/** What tells two notifications of a topic apart, for a derived notification id. */
type DedupeKey = Array<string | number | undefined>;
type TopicEvent = TtsWebhookEvent extends infer E
  ? E extends E
    ? Omit<E, keyof Common>
    : never
  : never;
type Reader = (data: unknown, timestamp: number) => { key: DedupeKey; event: TopicEvent };

/** A topic we act on: the schema of its `data` and the event it becomes. */
function topic<S extends z.ZodType>(
  schema: S,
  read: (data: z.output<S>, timestamp: number) => { key: DedupeKey; event: TopicEvent },
): Reader {
  const data = topicData(schema);
  return (raw, timestamp) => read(parseOrRefuse(data, raw, 'data'), timestamp);
}

/** The topics we act on, by type number (reference §3); every other type is `ignored`. */
export const TOPICS = new Map<number, Reader>([
  [
    1,
    topic(
      z.object({
        order_id: requiredId,
        order_status: orderStatus,
        is_on_hold_order: flag,
        update_time: unixSeconds,
      }),
      (d) => ({
        key: [d.order_id, d.order_status, d.update_time],
        event: {
          kind: 'order_status',
          orderId: d.order_id,
          status: d.order_status,
          onHoldOrder: d.is_on_hold_order,
          updateTime: d.update_time,
        },
      }),
    ),
  ],
  [
    3,
    topic(z.object({ order_id: requiredId, update_time: unixSeconds }), (d) => ({
      key: [d.order_id, d.update_time],
      event: { kind: 'address_update', orderId: d.order_id, updateTime: d.update_time },
    })),
  ],
  [
    4,
    topic(
      z.object({
        sc_type: optionalId,
        role_type: optionalId,
        package_list: objectList(z.object({ package_id: optionalId, order_id_list: idList })),
        update_time: unixSeconds,
      }),
      (d) => {
        const packages = d.package_list.map((p) => ({
          packageId: p.package_id ?? '',
          orderIds: p.order_id_list,
        }));
        return {
          key: [d.sc_type, packages.map((p) => p.packageId).join(','), d.update_time],
          event: {
            kind: 'package_update',
            scType: d.sc_type,
            roleType: d.role_type,
            packages,
            updateTime: d.update_time,
          },
        };
      },
    ),
  ],
  [
    6,
    topic(z.object({ message: optionalId }), (d, timestamp) => ({
      key: [timestamp],
      event: { kind: 'deauthorization', message: d.message ?? '' },
    })),
  ],
  [
    7,
    topic(z.object({ message: optionalId, expiration_time: unixSeconds }), (d, timestamp) => ({
      key: [d.expiration_time, timestamp],
      event: {
        kind: 'authorization_expiring',
        message: d.message ?? '',
        expirationTime: d.expiration_time,
      },
    })),
  ],
  [
    11,
    topic(
      z.object({
        order_id: requiredId,
        cancel_status: optionalId,
        cancel_id: optionalId,
        cancellations_role: optionalId,
        create_time: unixSeconds,
      }),
      (d) => {
        const cancelStatus = d.cancel_status ?? 'UNKNOWN';
        return {
          key: [d.order_id, cancelStatus, d.cancel_id, d.create_time],
          event: {
            kind: 'cancellation',
            orderId: d.order_id,
            cancelStatus,
            cancelId: d.cancel_id,
            cancellationsRole: d.cancellations_role,
            createTime: d.create_time,
          },
        };
      },
    ),
  ],
]);
