import { describe, expect, it } from 'vitest';
import type { OrderSummary } from '../../api/types.ts';
import { AT_RISK_WINDOW_MS, pickAtRisk } from './at-risk.ts';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const order = (id: string, shipBy: string | null): OrderSummary => ({
  id,
  orderNumber: id,
  status: 'dispatched',
  shipCountry: 'US',
  trackingNumber: null,
  carrier: null,
  shipBy,
  createdAt: '2026-11-29T12:00:00Z',
  updatedAt: '2026-11-29T12:00:00Z',
  timeline: [],
});
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('orders at risk', () => {
  it('keeps late orders and those due within the window, most urgent first', () => {
    const picked = pickAtRisk(
      [
        order('later', at(AT_RISK_WINDOW_MS + 60_000)),
        order('soon', at(3_600_000)),
        order('late', at(-60_000)),
        order('none', null),
        order('edge', at(AT_RISK_WINDOW_MS - 1)),
      ],
      NOW,
    );
    expect(picked.map((o) => o.id)).toEqual(['late', 'soon', 'edge']);
  });
});
