import type { OrderSummary } from '../../api/types.ts';

/** How far ahead an open order counts as at risk of missing its ship-by deadline. */
export const AT_RISK_WINDOW_MS = 48 * 60 * 60 * 1000;

/** Open orders due within the window or already late, the most urgent first. */
export function pickAtRisk(orders: OrderSummary[], now: number): OrderSummary[] {
  return orders
    .filter((o) => o.shipBy !== null && new Date(o.shipBy).getTime() - now < AT_RISK_WINDOW_MS)
    .sort((a, b) => new Date(a.shipBy!).getTime() - new Date(b.shipBy!).getTime());
}
