import type { Outputs } from '../../api/types.ts';

export type DailyDay = Outputs['reports']['daily']['days'][number];

/** The windows the chart offers, in days (the procedure accepts 7–90). */
export const DAILY_WINDOWS = [7, 30, 90] as const;

/** The reader's IANA zone, so a day on the chart is a day on their clock; UTC when unknown. */
export function readerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

type Columns = [number[], number[], number[], Array<number | null>];

/**
 * The columns the plot draws, one entry per day in order: x is the day's index (the axis names
 * the day), received and shipped are counts, on-time is a percentage, or null on a day with no
 * shipped order that had a deadline, so the line breaks there rather than dropping to zero.
 */
export function toPlotColumns(days: readonly DailyDay[]): Columns {
  return [
    days.map((_, i) => i),
    days.map((d) => d.received),
    days.map((d) => d.shipped),
    days.map((d) => (d.onTimeShare === null ? null : Math.round(d.onTimeShare * 1000) / 10)),
  ];
}

/** The window's totals, for the figure's caption: on time over the shipped ones with a deadline. */
export function totals(days: readonly DailyDay[]) {
  const sum = (pick: (d: DailyDay) => number) => days.reduce((n, d) => n + pick(d), 0);
  const withDeadline = sum((d) => d.withDeadline);
  return {
    received: sum((d) => d.received),
    shipped: sum((d) => d.shipped),
    onTimeShare: withDeadline === 0 ? null : sum((d) => d.onTime) / withDeadline,
  };
}
