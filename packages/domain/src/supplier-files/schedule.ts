import { offsetAt, wallClock } from '../routing/ship-time.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** More slots than one an hour is a feed, not a batch: use the API. */
export const MAX_SLOTS_PER_DAY = 24;

/** A batch schedule: local times of day (minutes after midnight) in the supplier's time zone. */
export interface FileSchedule {
  timeZone: string;
  /** Sorted, distinct, each 0–1439. */
  minutes: readonly number[];
}

/**
 * Parses local times such as `["09:00", "15:00"]` into sorted minutes of the day; undefined
 * when one is not `HH:MM` (00:00–23:59), a time repeats, or there are none or too many.
 */
export function parseScheduleTimes(times: readonly string[]): number[] | undefined {
  if (times.length === 0 || times.length > MAX_SLOTS_PER_DAY) return undefined;
  const minutes: number[] = [];
  for (const t of times) {
    const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(t);
    if (!m) return undefined;
    minutes.push(Number(m[1]) * 60 + Number(m[2]));
  }
  minutes.sort((a, b) => a - b);
  return new Set(minutes).size === minutes.length ? minutes : undefined;
}

/** `540` → `"09:00"`. */
export function formatScheduleTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The instant at which `timeZone`'s clocks show the wall time `localMs` (written as if UTC). */
function instantOf(localMs: number, timeZone: string): number {
  // Same two-step as expectedShipMs: the offset in force at that wall time, daylight saving included.
  const guess = localMs - offsetAt(localMs, timeZone);
  return localMs - offsetAt(guess, timeZone);
}

function slotsAround(nowMs: number, s: FileSchedule): number[] {
  const today = wallClock(nowMs, s.timeZone);
  const midnight = Date.UTC(today.year, today.month - 1, today.day);
  const out: number[] = [];
  for (const dayOffset of [-1, 0, 1])
    for (const minute of s.minutes)
      out.push(instantOf(midnight + dayOffset * DAY + minute * MINUTE, s.timeZone));
  return out.sort((a, b) => a - b);
}

/**
 * R-RT-2: the latest batch slot at or before `nowMs` (e.g. today's 09:00 in Shanghai at 10:30
 * there). The batch sweep sends a supplier's file for this slot once; dispatches made after it
 * wait for the next.
 */
export function latestSlotMs(nowMs: number, s: FileSchedule): number {
  const past = slotsAround(nowMs, s).filter((t) => t <= nowMs);
  // Yesterday's slots are in the list, so there is always one.
  return past[past.length - 1]!;
}

/** The first batch slot strictly after `nowMs`: when a dispatch made now leaves. */
export function nextSlotMs(nowMs: number, s: FileSchedule): number {
  return slotsAround(nowMs, s).find((t) => t > nowMs)!;
}
