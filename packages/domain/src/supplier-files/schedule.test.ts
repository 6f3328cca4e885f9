import { describe, expect, it } from 'vitest';
import { latestSlotMs, nextSlotMs, parseScheduleTimes } from './schedule.ts';

const at = (iso: string) => Date.parse(iso);

describe('file batch schedule (R-RT-2)', () => {
  it('parses local times, sorted, and refuses what is not HH:MM or repeats', () => {
    expect(parseScheduleTimes(['15:00', '09:00'])).toEqual([540, 900]);
    expect(parseScheduleTimes(['9:00'])).toBeUndefined();
    expect(parseScheduleTimes(['24:00'])).toBeUndefined();
    expect(parseScheduleTimes(['09:00', '09:00'])).toBeUndefined();
    expect(parseScheduleTimes([])).toBeUndefined();
    expect(
      parseScheduleTimes(Array.from({ length: 25 }, (_, i) => `00:${String(i).padStart(2, '0')}`)),
    ).toBeUndefined();
  });

  it("finds 09:00 and 15:00 in the supplier's own time zone", () => {
    const s = { timeZone: 'Asia/Shanghai', minutes: [540, 900] };
    // 10:30 in Shanghai is 02:30 UTC: the latest slot is 09:00 there (01:00 UTC), the next 15:00.
    expect(new Date(latestSlotMs(at('2026-12-01T02:30:00Z'), s)).toISOString()).toBe(
      '2026-12-01T01:00:00.000Z',
    );
    expect(new Date(nextSlotMs(at('2026-12-01T02:30:00Z'), s)).toISOString()).toBe(
      '2026-12-01T07:00:00.000Z',
    );
    // Before 09:00 local: yesterday's 15:00 was the latest; exactly at a slot, that slot.
    expect(new Date(latestSlotMs(at('2026-12-01T00:30:00Z'), s)).toISOString()).toBe(
      '2026-11-30T07:00:00.000Z',
    );
    expect(latestSlotMs(at('2026-12-01T01:00:00Z'), s)).toBe(at('2026-12-01T01:00:00Z'));
    expect(nextSlotMs(at('2026-12-01T01:00:00Z'), s)).toBe(at('2026-12-01T07:00:00Z'));
  });

  it('keeps local wall time across a daylight-saving change', () => {
    const s = { timeZone: 'America/New_York', minutes: [540] };
    // 2026-03-08: clocks go from EST (UTC-5) to EDT (UTC-4).
    expect(new Date(nextSlotMs(at('2026-03-07T15:00:00Z'), s)).toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
    expect(new Date(latestSlotMs(at('2026-03-07T15:00:00Z'), s)).toISOString()).toBe(
      '2026-03-07T14:00:00.000Z',
    );
  });
});
