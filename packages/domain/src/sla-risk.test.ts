import { describe, expect, it } from 'vitest';
import { AT_RISK_WINDOW_MS, OPEN_ORDER_STATUSES, slaRiskCutoff } from './sla-risk.ts';

describe('slaRiskCutoff (R-SLA-1)', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  it('late: a deadline before now', () => {
    expect(slaRiskCutoff('late', now)).toEqual(now);
  });
  it('at risk: a deadline within the next 48 hours, or already past', () => {
    expect(slaRiskCutoff('at_risk', now).getTime() - now.getTime()).toBe(AT_RISK_WINDOW_MS);
    expect(AT_RISK_WINDOW_MS).toBe(172_800_000);
  });
  it('only orders not yet shipped can be at risk', () => {
    expect(OPEN_ORDER_STATUSES).not.toContain('shipped');
    expect(OPEN_ORDER_STATUSES).toContain('partially_shipped');
  });
});
