import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALENDAR,
  DEFAULT_TIME_STANDARDS,
  elapsedOfficeMinutes,
  officeMinutesBetween,
  pauseClock,
  resumeClock,
  startClock,
  stepStatus,
  stopClock,
  type OfficeCalendar,
} from '../../functions/src/domain/officeClock.js';
import { DEFAULT_SETTINGS } from '../../functions/src/domain/settings.js';

// WITA = UTC+8: a local time T is the instant T − 8 h.
// Default hours: Monday–Thursday 07:30–16:00 (510 min), Friday 07:30–16:30 (540 min).
const cal: OfficeCalendar = { ...DEFAULT_CALENDAR, holidays: [] };

describe('officeMinutesBetween', () => {
  it.each([
    // [label, start (UTC), end (UTC), calendar holidays, expected minutes]
    ['a partial morning: Mon 08:00–09:15 WITA', '2026-03-02T00:00:00Z', '2026-03-02T01:15:00Z', [], 75],
    [
      'before opening: Mon 06:00–08:00 WITA counts 07:30–08:00',
      '2026-03-01T22:00:00Z',
      '2026-03-02T00:00:00Z',
      [],
      30,
    ],
    ['after closing: Mon 17:00–18:00 WITA', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z', [], 0],
    ['across the closing time: Mon 15:00–17:00 WITA', '2026-03-02T07:00:00Z', '2026-03-02T09:00:00Z', [], 60],
    [
      'across a night: Mon 15:50 → Tue 07:40 WITA (10 + 10)',
      '2026-03-02T07:50:00Z',
      '2026-03-02T23:40:00Z',
      [],
      20,
    ],
    [
      'across a weekend: Fri 16:20 → Mon 07:45 WITA (10 + 15; Friday ends 16:30)',
      '2026-03-06T08:20:00Z',
      '2026-03-08T23:45:00Z',
      [],
      25,
    ],
    [
      'across a holiday: Fri 14 Aug 16:00 → Tue 18 Aug 08:00 WITA, 17 Aug closed (30 + 0 + 30)',
      '2026-08-14T08:00:00Z',
      '2026-08-18T00:00:00Z',
      ['2026-08-17'],
      60,
    ],
    [
      'the same span without the holiday (30 + 510 + 30)',
      '2026-08-14T08:00:00Z',
      '2026-08-18T00:00:00Z',
      [],
      570,
    ],
    [
      'a whole week: Mon 00:00 → next Mon 00:00 WITA (4 × 510 + 540)',
      '2026-03-01T16:00:00Z',
      '2026-03-08T16:00:00Z',
      [],
      2580,
    ],
    ['a Saturday only', '2026-03-07T00:00:00Z', '2026-03-07T08:00:00Z', [], 0],
    ['end before start', '2026-03-02T02:00:00Z', '2026-03-02T01:00:00Z', [], 0],
    ['seconds count: Mon 08:00:00–08:00:30 WITA', '2026-03-02T00:00:00Z', '2026-03-02T00:00:30Z', [], 0.5],
  ] as [string, string, string, string[], number][])('%s', (_label, start, end, holidays, expected) => {
    expect(officeMinutesBetween(start, end, { ...cal, holidays })).toBe(expected);
  });

  it('accepts Date objects', () => {
    expect(
      officeMinutesBetween(new Date('2026-03-02T00:00:00Z'), new Date('2026-03-02T00:10:00Z'), cal),
    ).toBe(10);
  });

  it('counts in the calendar time zone, not UTC', () => {
    // 07:00–09:00 UTC is 15:00–17:00 WITA (60 office minutes) but 07:00–09:00 in a UTC office (90).
    const start = '2026-03-02T07:00:00Z';
    const end = '2026-03-02T09:00:00Z';
    expect(officeMinutesBetween(start, end, cal)).toBe(60);
    expect(officeMinutesBetween(start, end, { ...cal, timeZoneOffsetMinutes: 0 })).toBe(90);
  });

  it('honours configured working days and per-weekday hours', () => {
    const sixDays: OfficeCalendar = {
      ...cal,
      workingDays: [1, 2, 3, 4, 5, 6],
      hoursByWeekday: { 6: { start: '08:00', end: '12:00' } },
    };
    // Saturday 7 March 2026, 00:00–24:00 WITA: 08:00–12:00.
    expect(officeMinutesBetween('2026-03-06T16:00:00Z', '2026-03-07T16:00:00Z', sixDays)).toBe(240);
    // Without the Friday exception Friday closes at 16:00: Fri 16:20 → Mon 07:45 counts only Monday's 15.
    expect(
      officeMinutesBetween('2026-03-06T08:20:00Z', '2026-03-08T23:45:00Z', { ...cal, hoursByWeekday: {} }),
    ).toBe(15);
  });

  it('the default 2026 holidays close the office (1 May 2026 is a Friday)', () => {
    expect(
      officeMinutesBetween('2026-04-30T16:00:00Z', '2026-05-01T16:00:00Z', DEFAULT_SETTINGS.calendar),
    ).toBe(0);
  });

  it('refuses an invalid instant and malformed hours', () => {
    expect(() => officeMinutesBetween('kemarin', '2026-03-02T00:00:00Z', cal)).toThrow();
    expect(() =>
      officeMinutesBetween('2026-03-02T00:00:00Z', '2026-03-02T01:00:00Z', {
        ...cal,
        hours: { start: '7:30', end: '16:00' },
      }),
    ).toThrow();
  });
});

describe('stepStatus', () => {
  it.each([
    [0, 10, 'green'],
    [7.99, 10, 'green'],
    [8, 10, 'amber'],
    [10, 10, 'amber'],
    [10.01, 10, 'red'],
    [3.9, 5, 'green'],
    [4, 5, 'amber'],
    [6, 5, 'red'],
  ] as const)('%f of %i → %s', (elapsed, standard, status) => {
    expect(stepStatus(elapsed, standard)).toBe(status);
  });
});

describe('time standards', () => {
  it('are the SOP values, 45 minutes in all', () => {
    expect(DEFAULT_TIME_STANDARDS).toEqual({
      intake: 10,
      submitted: 10,
      verified: 10,
      drafted: 5,
      initialled: 5,
      signed: 5,
    });
    expect(Object.values(DEFAULT_TIME_STANDARDS).reduce((a, b) => a + b, 0)).toBe(45);
  });
});

describe('case clock', () => {
  const mon0800 = new Date('2026-03-02T00:00:00Z');
  const at = (iso: string) => new Date(iso);

  it('runs from the start of the step', () => {
    const c = startClock('submitted', mon0800);
    expect(elapsedOfficeMinutes(c, at('2026-03-02T00:07:00Z'), cal)).toBe(7);
  });

  it('pauses, stays still while paused, and resumes with the accumulated minutes', () => {
    const running = startClock('submitted', mon0800);
    const paused = pauseClock(running, at('2026-03-02T00:07:00Z'), cal); // Mon 08:07
    expect(paused).toEqual({
      step: 'submitted',
      stepStartedAt: '2026-03-02T00:07:00.000Z',
      elapsedBeforePauseMinutes: 7,
      paused: true,
    });
    // A day and a half later nothing more has been counted.
    expect(elapsedOfficeMinutes(paused, at('2026-03-03T06:00:00Z'), cal)).toBe(7);
    const resumed = resumeClock(paused, at('2026-03-03T00:00:00Z')); // Tue 08:00
    expect(elapsedOfficeMinutes(resumed, at('2026-03-03T00:05:00Z'), cal)).toBe(12);
    // Pausing twice keeps the first pause; resuming a running clock changes nothing.
    expect(pauseClock(paused, at('2026-03-04T00:00:00Z'), cal)).toBe(paused);
    expect(resumeClock(resumed, at('2026-03-04T00:00:00Z'))).toBe(resumed);
  });

  it('a stopped clock does not run', () => {
    const c = stopClock('completed', mon0800);
    expect(elapsedOfficeMinutes(c, at('2026-03-02T05:00:00Z'), cal)).toBe(0);
  });
});
