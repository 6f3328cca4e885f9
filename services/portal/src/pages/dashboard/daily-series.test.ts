import { describe, expect, it } from 'vitest';
import { type DailyDay, toPlotColumns, totals } from './daily-series.ts';

const day = (
  day: string,
  received: number,
  shipped: number,
  withDeadline = 0,
  onTime = 0,
): DailyDay => ({
  day,
  received,
  shipped,
  withDeadline,
  onTime,
  onTimeShare: withDeadline === 0 ? null : onTime / withDeadline,
});

const WEEK = [
  day('2026-11-24', 4, 3, 3, 3),
  day('2026-11-25', 0, 0),
  day('2026-11-26', 6, 6, 3, 2),
  day('2026-11-27', 2, 1, 0, 0),
];

describe('the daily chart’s shaping', () => {
  it('gives one column entry per day, in order, with on-time as a percentage', () => {
    const [x, received, shipped, onTime] = toPlotColumns(WEEK);
    expect(x).toEqual([0, 1, 2, 3]);
    expect(received).toEqual([4, 0, 6, 2]);
    expect(shipped).toEqual([3, 0, 6, 1]);
    // 2 of 3 is 66.7 %, rounded to a tenth; a day with nothing to measure breaks the line.
    expect(onTime).toEqual([100, null, 66.7, null]);
  });

  it('keeps every column the same length as the days, even for none', () => {
    expect(toPlotColumns([])).toEqual([[], [], [], []]);
    for (const column of toPlotColumns(WEEK)) expect(column).toHaveLength(WEEK.length);
  });

  it('totals the window, on time over the shipped orders that had a deadline', () => {
    expect(totals(WEEK)).toEqual({ received: 12, shipped: 10, onTimeShare: 5 / 6 });
    expect(totals([day('2026-11-25', 1, 0)])).toEqual({
      received: 1,
      shipped: 0,
      onTimeShare: null,
    });
  });
});
