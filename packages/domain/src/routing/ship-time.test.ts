import { describe, expect, it } from 'vitest';
import { expectedShipMs } from './ship-time.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('expected ship time (R-RT-1 speed)', () => {
  const shenzhen = { timeZone: 'Asia/Shanghai', cutoffMinute: 15 * 60, handlingDays: 0 };

  it('ships the same day at the cut-off when the order comes before it', () => {
    // 14:00 in Shanghai (UTC+8) is before the 15:00 cut-off.
    expect(iso(expectedShipMs(at('2026-11-30T06:00:00Z'), shenzhen))).toBe(
      '2026-11-30T07:00:00.000Z',
    );
  });

  it('counts an order after the cut-off for the next day', () => {
    expect(iso(expectedShipMs(at('2026-11-30T08:00:00Z'), shenzhen))).toBe(
      '2026-12-01T07:00:00.000Z',
    );
  });

  it('adds the handling days, across a month end', () => {
    const slow = { ...shenzhen, handlingDays: 2 };
    expect(iso(expectedShipMs(at('2026-11-30T08:00:00Z'), slow))).toBe('2026-12-03T07:00:00.000Z');
  });

  it('uses the offset in force on the ship day when daylight saving starts in between', () => {
    // Los Angeles moves from UTC-8 to UTC-7 on 2026-03-08.
    const la = { timeZone: 'America/Los_Angeles', cutoffMinute: 17 * 60, handlingDays: 1 };
    expect(iso(expectedShipMs(at('2026-03-07T20:00:00Z'), la))).toBe('2026-03-09T00:00:00.000Z');
    expect(iso(expectedShipMs(at('2026-03-06T20:00:00Z'), la))).toBe('2026-03-08T01:00:00.000Z');
  });

  it('reads the local day, not the UTC day, near midnight', () => {
    // 23:30 UTC on the 29th is 07:30 on the 30th in Shanghai.
    expect(iso(expectedShipMs(at('2026-11-29T23:30:00Z'), shenzhen))).toBe(
      '2026-11-30T07:00:00.000Z',
    );
  });
});
