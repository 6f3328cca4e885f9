const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `ms` in `timeZone`. */
export function wallClock(ms: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    minuteOfDay: parts.hour! * 60 + parts.minute!,
  };
}

/** The zone's offset from UTC at `ms`, in milliseconds (whole minutes). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day) + w.minuteOfDay * MINUTE;
  return asUtc - Math.floor(ms / MINUTE) * MINUTE;
}

/**
 * When a supplier is expected to hand the order to the carrier (R-RT-1 "speed"): an order
 * received before its daily cut-off counts for today, after it for tomorrow; it ships
 * `handlingDays` later, at the cut-off hour, in the supplier's own time zone (daylight saving
 * included). Calendar days: the registry's handling time already counts the supplier's week.
 */
export function expectedShipMs(
  nowMs: number,
  s: { timeZone: string; cutoffMinute: number; handlingDays: number },
): number {
  const now = wallClock(nowMs, s.timeZone);
  const countsFor = now.minuteOfDay <= s.cutoffMinute ? 0 : 1;
  const localShip =
    Date.UTC(now.year, now.month - 1, now.day) +
    (countsFor + s.handlingDays) * DAY +
    s.cutoffMinute * MINUTE;
  // The wall time is turned back into an instant with the offset in force at that time.
  const guess = localShip - offsetAt(localShip, s.timeZone);
  return localShip - offsetAt(guess, s.timeZone);
}
