import type { OrderStatus } from './order.ts';

/** Orders not yet handed to the carrier: the ones whose ship-by deadline can still be missed. */
export const OPEN_ORDER_STATUSES = [
  'received',
  'on_hold',
  'dispatched',
  'acknowledged',
  'partially_shipped',
] as const satisfies readonly OrderStatus[];

/** How far ahead an open order counts as at risk of missing its deadline (R-SLA-1). */
export const AT_RISK_WINDOW_MS = 48 * 60 * 60 * 1000;

/** `late`: the deadline has passed; `at_risk`: it passes within the window (late ones too). */
export const SLA_RISKS = ['late', 'at_risk'] as const;
export type SlaRisk = (typeof SLA_RISKS)[number];

/** The ship-by time an open order must be before to carry the risk, as of `now`. */
export function slaRiskCutoff(risk: SlaRisk, now: Date): Date {
  return risk === 'late' ? now : new Date(now.getTime() + AT_RISK_WINDOW_MS);
}
