/**
 * The SOP clock: office minutes in the office's time zone, the per-step time standards, and the
 * clock value stored on each case. Pure (no Firebase, no Node-only APIs): the staff page uses it.
 *
 * Instants are ISO-8601 strings in UTC (`Date#toISOString()`) or `Date` objects; calendar dates
 * (holidays) are local `YYYY-MM-DD` strings of the office's time zone.
 */
import { DomainError } from './errors.js';
import type { CaseState } from './vocabulary.js';

/** The states that are a timed SOP step (the six rows of the SOP table). */
export const STEP_STATES = ['intake', 'submitted', 'verified', 'drafted', 'initialled', 'signed'] as const;
export type StepState = (typeof STEP_STATES)[number];
export type SopStep = 1 | 2 | 3 | 4 | 5 | 6;

/** SOP row number of each timed step. */
export const SOP_STEP_NUMBER: Readonly<Record<StepState, SopStep>> = {
  intake: 1,
  submitted: 2,
  verified: 3,
  drafted: 4,
  initialled: 5,
  signed: 6,
};

/** Minutes allowed per step ("mutu baku waktu"). */
export type TimeStandards = Record<StepState, number>;

/** The SOP's standards: 10, 10, 10, 5, 5, 5 minutes (45 in all). */
export const DEFAULT_TIME_STANDARDS: Readonly<TimeStandards> = {
  intake: 10,
  submitted: 10,
  verified: 10,
  drafted: 5,
  initialled: 5,
  signed: 5,
};

export const isStepState = (s: CaseState): s is StepState => (STEP_STATES as readonly string[]).includes(s);

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Opening hours of one day, local `HH:MM` (24 h), `start` < `end`. */
export interface WorkingHours {
  start: string;
  end: string;
}

export interface OfficeCalendar {
  /** Offset of the office's time zone from UTC in minutes (WITA = +480). No daylight saving. */
  timeZoneOffsetMinutes: number;
  /** Working weekdays (ISO: 1 = Monday … 7 = Sunday). */
  workingDays: readonly IsoWeekday[];
  /** Opening hours of a working day. */
  hours: WorkingHours;
  /** Per-weekday exceptions to `hours` (e.g. Friday ends later). */
  hoursByWeekday?: Partial<Record<IsoWeekday, WorkingHours>>;
  /** Closed dates, local `YYYY-MM-DD`. */
  holidays: readonly string[];
}

/**
 * Default calendar of Dinsos PM Tarakan: WITA, Monday–Friday, 07:30–16:00 (Friday 07:30–16:30).
 * No breaks are modelled. Holidays are set in `settings.ts`.
 */
export const DEFAULT_CALENDAR: Readonly<OfficeCalendar> = {
  timeZoneOffsetMinutes: 480,
  workingDays: [1, 2, 3, 4, 5],
  hours: { start: '07:30', end: '16:00' },
  hoursByWeekday: { 5: { start: '07:30', end: '16:30' } },
  holidays: [],
};

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function toMs(t: string | Date, what: string): number {
  const ms = typeof t === 'string' ? Date.parse(t) : t.getTime();
  if (Number.isNaN(ms)) throw new DomainError('invalid-argument', `Waktu ${what} tidak valid.`);
  return ms;
}

/** Minutes since local midnight of a `HH:MM` string; throws on a malformed value. */
export function parseHourMinute(hm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hm);
  if (!m) throw new DomainError('invalid-argument', `Format jam kerja tidak valid: "${hm}" (gunakan JJ:MM).`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Opening hours (minutes since local midnight) of a weekday, or null when the office is closed. */
function openingFor(calendar: OfficeCalendar, weekday: IsoWeekday): { start: number; end: number } | null {
  if (!calendar.workingDays.includes(weekday)) return null;
  const h = calendar.hoursByWeekday?.[weekday] ?? calendar.hours;
  const start = parseHourMinute(h.start);
  const end = parseHourMinute(h.end);
  return end > start ? { start, end } : null;
}

/**
 * Office minutes between two instants: only the parts that fall inside the opening hours of a
 * working, non-holiday day, in the calendar's time zone. Returns 0 when `end` is not after
 * `start`. The result may be fractional (it is exact to the millisecond).
 */
export function officeMinutesBetween(
  start: string | Date,
  end: string | Date,
  calendar: OfficeCalendar,
): number {
  const s = toMs(start, 'mulai');
  const e = toMs(end, 'selesai');
  if (e <= s) return 0;
  const offset = calendar.timeZoneOffsetMinutes * MINUTE_MS;
  const holidays = new Set(calendar.holidays);
  const firstDay = Math.floor((s + offset) / DAY_MS);
  const lastDay = Math.floor((e + offset) / DAY_MS);
  let totalMs = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    // `local` is the local calendar date expressed as a UTC midnight: read it with UTC getters.
    const local = new Date(day * DAY_MS);
    const weekday = (((local.getUTCDay() + 6) % 7) + 1) as IsoWeekday;
    if (holidays.has(local.toISOString().slice(0, 10))) continue;
    const open = openingFor(calendar, weekday);
    if (!open) continue;
    const midnight = day * DAY_MS - offset; // the real instant of local midnight
    const from = Math.max(s, midnight + open.start * MINUTE_MS);
    const to = Math.min(e, midnight + open.end * MINUTE_MS);
    if (to > from) totalMs += to - from;
  }
  return totalMs / MINUTE_MS;
}

export type StepStatus = 'green' | 'amber' | 'red';

/**
 * Traffic light of a step: green below 80 % of the standard, amber from 80 % up to and including
 * 100 %, red beyond the standard. A standard of 0 or less is red as soon as any time has passed.
 */
export function stepStatus(elapsedMinutes: number, standardMinutes: number): StepStatus {
  if (standardMinutes <= 0) return elapsedMinutes > 0 ? 'red' : 'green';
  if (elapsedMinutes > standardMinutes) return 'red';
  if (elapsedMinutes >= 0.8 * standardMinutes) return 'amber';
  return 'green';
}

/**
 * The clock stored on a case. `step` is the SOP step being timed: while the case waits in
 * `awaiting_documents` it stays `submitted` with `paused: true`. In a final state the clock is
 * stopped (`paused: true`, `step` = the final state).
 * Elapsed = `elapsedBeforePauseMinutes` + (paused ? 0 : office minutes since `stepStartedAt`).
 */
export interface CaseClock {
  step: CaseState;
  /** When the clock last (re)started, ISO UTC. */
  stepStartedAt: string;
  /** Office minutes accumulated before the last pause (0 for a fresh step). */
  elapsedBeforePauseMinutes: number;
  paused: boolean;
}

/** A fresh running clock for a step the case has just entered. */
export function startClock(step: CaseState, now: Date): CaseClock {
  return { step, stepStartedAt: now.toISOString(), elapsedBeforePauseMinutes: 0, paused: false };
}

/** A stopped clock for a final state. */
export function stopClock(state: CaseState, now: Date): CaseClock {
  return { step: state, stepStartedAt: now.toISOString(), elapsedBeforePauseMinutes: 0, paused: true };
}

/** Office minutes spent so far in the clock's step (pauses excluded). */
export function elapsedOfficeMinutes(clock: CaseClock, now: Date, calendar: OfficeCalendar): number {
  if (clock.paused) return clock.elapsedBeforePauseMinutes;
  return clock.elapsedBeforePauseMinutes + officeMinutesBetween(clock.stepStartedAt, now, calendar);
}

/** Pauses the clock, keeping the step and the minutes spent so far. Pausing a paused clock is a no-op. */
export function pauseClock(clock: CaseClock, now: Date, calendar: OfficeCalendar): CaseClock {
  if (clock.paused) return clock;
  return {
    step: clock.step,
    stepStartedAt: now.toISOString(),
    elapsedBeforePauseMinutes: elapsedOfficeMinutes(clock, now, calendar),
    paused: true,
  };
}

/** Resumes a paused clock from `now` with its accumulated minutes. Resuming a running clock is a no-op. */
export function resumeClock(clock: CaseClock, now: Date): CaseClock {
  if (!clock.paused) return clock;
  return {
    step: clock.step,
    stepStartedAt: now.toISOString(),
    elapsedBeforePauseMinutes: clock.elapsedBeforePauseMinutes,
    paused: false,
  };
}
