import { describe, expect, it } from 'vitest';
import { ackedInTime, shippedOnTime } from './outcomes.ts';

const at = (iso: string) => new Date(iso);

describe('how outcomes count in a supplier’s record', () => {
  it('R-SLA-2: an acknowledgement within 30 minutes is in time', () => {
    const sent = at('2026-11-30T10:00:00Z');
    expect(ackedInTime(sent, at('2026-11-30T10:30:00Z'))).toBe(true);
    expect(ackedInTime(sent, at('2026-11-30T10:30:01Z'))).toBe(false);
  });

  it('R-SLA-1: shipped by the marketplace deadline, or within 48 hours without one', () => {
    const sent = at('2026-11-30T10:00:00Z');
    expect(shippedOnTime(sent, at('2026-12-01T09:00:00Z'), at('2026-12-01T09:00:00Z'))).toBe(true);
    expect(shippedOnTime(sent, at('2026-12-01T09:00:01Z'), at('2026-12-01T09:00:00Z'))).toBe(false);
    expect(shippedOnTime(sent, at('2026-12-02T10:00:00Z'), null)).toBe(true);
    expect(shippedOnTime(sent, at('2026-12-02T10:00:01Z'), null)).toBe(false);
  });
});
