/**
 * Walking the office calendar (opening hours of working, non-holiday days in the office's time
 * zone) by office minutes — the inverse of `officeMinutesBetween` (domain/officeClock.ts), which
 * the planner uses to time each step. The demo script places its actions with these, so that the
 * minutes the planner records are the minutes the script meant.
 * Pure.
 */
import { parseHourMinute, type IsoWeekday, type OfficeCalendar } from '../domain/officeClock.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The opening interval (UTC ms) of the local day `day` (days since the epoch, local), or null when closed. */
function openingOfDay(day: number, cal: OfficeCalendar): { open: number; close: number } | null {
  const local = new Date(day * DAY_MS);
  if (cal.holidays.includes(local.toISOString().slice(0, 10))) return null;
  const weekday = (((local.getUTCDay() + 6) % 7) + 1) as IsoWeekday;
  if (!cal.workingDays.includes(weekday)) return null;
  const h = cal.hoursByWeekday?.[weekday] ?? cal.hours;
  const start = parseHourMinute(h.start);
  const end = parseHourMinute(h.end);
  if (end <= start) return null;
  const midnight = day * DAY_MS - cal.timeZoneOffsetMinutes * MINUTE_MS;
  return { open: midnight + start * MINUTE_MS, close: midnight + end * MINUTE_MS };
}

const localDay = (ms: number, cal: OfficeCalendar) =>
  Math.floor((ms + cal.timeZoneOffsetMinutes * MINUTE_MS) / DAY_MS);

/** Ten years of days: a calendar with no opening in that span is not an office calendar. */
const MAX_DAYS = 3660;

/**
 * The instant `minutes` office minutes after `from`; with 0, `from` itself when the office is open
 * then, else the next opening.
 */
export function addOfficeMinutes(from: Date, minutes: number, cal: OfficeCalendar): Date {
  let left = Math.max(0, minutes) * MINUTE_MS;
  let t = from.getTime();
  for (let day = localDay(t, cal), n = 0; n < MAX_DAYS; day++, n++) {
    const o = openingOfDay(day, cal);
    if (!o || t >= o.close) continue;
    t = Math.max(t, o.open);
    if (t + left <= o.close && (left > 0 || t < o.close)) return new Date(t + left);
    left -= o.close - t;
  }
  throw new Error('addOfficeMinutes: the calendar has no opening hours');
}

/** The instant `minutes` office minutes before `to` (the latest such instant). */
export function subtractOfficeMinutes(to: Date, minutes: number, cal: OfficeCalendar): Date {
  let left = Math.max(0, minutes) * MINUTE_MS;
  let t = to.getTime();
  for (let day = localDay(t, cal), n = 0; n < MAX_DAYS; day--, n++) {
    const o = openingOfDay(day, cal);
    if (!o || t <= o.open) continue;
    t = Math.min(t, o.close);
    if (t - left >= o.open) return new Date(t - left);
    left -= t - o.open;
  }
  throw new Error('subtractOfficeMinutes: the calendar has no opening hours');
}

/** `at` when the office is open then, else the last closing time before it. */
export function lastOfficeInstant(at: Date, cal: OfficeCalendar): Date {
  return subtractOfficeMinutes(at, 0, cal);
}

/** Whether the office is open at `at`. */
export function isOfficeTime(at: Date, cal: OfficeCalendar): boolean {
  const o = openingOfDay(localDay(at.getTime(), cal), cal);
  return o !== null && at.getTime() >= o.open && at.getTime() < o.close;
}
