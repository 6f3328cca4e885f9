import type { DispatchStatus } from './statuses.ts';

/** What a supplier tells the platform about one of its dispatches (R-SLA-2, R-SLA-3). */
export type PartnerMessage =
  | { kind: 'ack' }
  | { kind: 'shipment'; trackingNumber: string }
  | { kind: 'reject' };

/**
 * `deliver`: hand the message to the order's workflow. `repeat`: the dispatch already is where
 * the message would take it, so the supplier's retry is answered with that status and nothing
 * else changes (an acknowledgement that reads acknowledged is still handed to the workflow
 * again, as its first delivery may have been lost after the ack was recorded). `refuse`: the
 * dispatch moved past the point where the message means anything.
 */
export type PartnerMessageDecision = 'deliver' | { repeat: DispatchStatus } | { refuse: string };

/**
 * Decides a supplier's message against the dispatch as stored. Suppliers retry (timeouts,
 * 503s), so a message that was already taken must answer as it did the first time, while one
 * that contradicts what happened since (acknowledging a rejected dispatch, rejecting a shipped
 * one, shipping again under another tracking number) is refused.
 *
 * @example
 * decidePartnerMessage({ status: 'acknowledged', trackingNumber: null }, { kind: 'ack' })
 * // → { repeat: 'acknowledged' }
 */
export function decidePartnerMessage(
  dispatch: { status: DispatchStatus; trackingNumber: string | null },
  message: PartnerMessage,
): PartnerMessageDecision {
  const { status } = dispatch;
  switch (message.kind) {
    case 'ack':
      if (status === 'acknowledged' || status === 'shipped') return { repeat: status };
      return status === 'sent' ? 'deliver' : { refuse: `dispatch is ${status}` };
    case 'shipment':
      if (status === 'shipped' && dispatch.trackingNumber === message.trackingNumber)
        return { repeat: status };
      return status === 'sent' || status === 'acknowledged'
        ? 'deliver'
        : { refuse: `dispatch is ${status}` };
    case 'reject':
      if (status === 'rejected' || status === 'withdrawn') return { repeat: status };
      return status === 'shipped' ? { refuse: 'dispatch is already shipped' } : 'deliver';
  }
}
