import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  accessRecordDue,
  caseEndedAt,
  cutoffs,
  minusYears,
  outboxDue,
  photocopiesDue,
  rejectedPhotoDue,
  uploadLinkDue,
  uploadLinkTtl,
} from '../../functions/src/domain/retention.js';
import { DEFAULT_SETTINGS, mergeSettings } from '../../functions/src/domain/settings.js';

/** Expected values from the issue: links 1 day, rejected photos 30 days, email 30 days, photocopies 2 years, access 5 years. */
const now = new Date('2026-11-27T02:00:00.000Z');
const c = cutoffs(DEFAULT_RETENTION, now);
const daysAgo = (d: number, extraMs = 0) => new Date(now.getTime() - d * 86_400_000 + extraMs).toISOString();

describe('the default schedule', () => {
  it('is what the issue asks for, and part of the office settings', () => {
    expect(DEFAULT_RETENTION).toEqual({
      expiredUploadLinkDays: 1,
      rejectedPhotoDays: 30,
      outboxDays: 30,
      photocopyYears: 2,
      accessLogYears: 5,
    });
    expect(DEFAULT_SETTINGS.retention).toEqual(DEFAULT_RETENTION);
    expect(mergeSettings({ retention: { photocopyYears: 3 } }).retention).toEqual({ ...DEFAULT_RETENTION, photocopyYears: 3 });
  });
  it('gives cut-offs in calendar days and years', () => {
    expect(c).toEqual({
      uploadLinks: '2026-11-26T02:00:00.000Z',
      rejectedPhotos: '2026-10-28T02:00:00.000Z',
      outbox: '2026-10-28T02:00:00.000Z',
      photocopies: '2024-11-27T02:00:00.000Z',
      accessLog: '2021-11-27T02:00:00.000Z',
    });
  });
  it('counts years from 29 February to 28 February', () => {
    expect(minusYears(new Date('2028-02-29T10:00:00.000Z'), 1)).toBe('2027-02-28T10:00:00.000Z');
    expect(minusYears(new Date('2028-02-29T10:00:00.000Z'), 4)).toBe('2024-02-29T10:00:00.000Z');
  });
});

describe('what is due', () => {
  it('an upload link one day after it expired, not before', () => {
    expect(uploadLinkDue({ expiresAt: daysAgo(1, -1) }, c)).toBe(true);
    expect(uploadLinkDue({ expiresAt: daysAgo(1) }, c)).toBe(false);
    expect(uploadLinkDue({ expiresAt: daysAgo(0.5) }, c)).toBe(false);
    expect(uploadLinkDue({ expiresAt: 'not a date' }, c)).toBe(false);
    expect(uploadLinkDue({}, c)).toBe(false);
  });
  it('a rejected photo 30 days after the rejection; a received one never', () => {
    expect(rejectedPhotoDue({ status: 'rejected', rejectedAt: daysAgo(31) }, c)).toBe(true);
    expect(rejectedPhotoDue({ status: 'rejected', rejectedAt: daysAgo(29) }, c)).toBe(false);
    expect(rejectedPhotoDue({ status: 'received', rejectedAt: daysAgo(400) }, c)).toBe(false);
  });
  it('an email 30 days after its delivery ended (sent or failed), never while it may still be sent, and once', () => {
    expect(outboxDue({ delivery: { state: 'SUCCESS', endTime: daysAgo(31) } }, c)).toBe(true);
    expect(outboxDue({ delivery: { state: 'ERROR', endTime: daysAgo(31) } }, c)).toBe(true);
    expect(outboxDue({ delivery: { state: 'SUCCESS', endTime: daysAgo(29) } }, c)).toBe(false);
    for (const state of ['PENDING', 'PROCESSING', 'RETRY']) {
      expect(outboxDue({ delivery: { state, endTime: daysAgo(90) } }, c)).toBe(false);
    }
    expect(outboxDue({ delivery: { state: 'SUCCESS', endTime: daysAgo(31) }, redaction: { at: daysAgo(1) } }, c)).toBe(false);
    expect(outboxDue({}, c)).toBe(false);
  });
  it('photocopies two years after the case ended (completed or closed), never while it is open', () => {
    const ended = (state: string, at: string) => ({ state, clock: { step: state, stepStartedAt: at, paused: true } });
    expect(photocopiesDue(ended('completed', daysAgo(2 * 366)), c)).toBe(true);
    expect(photocopiesDue(ended('closed', daysAgo(2 * 366)), c)).toBe(true);
    expect(photocopiesDue(ended('completed', daysAgo(700)), c)).toBe(false);
    // An open case whose clock started long ago is not ended.
    expect(photocopiesDue({ state: 'verified', clock: { step: 'verified', stepStartedAt: daysAgo(2000) } }, c)).toBe(false);
    // A clock that does not belong to the final state is not read as the end.
    expect(caseEndedAt({ state: 'completed', clock: { step: 'signed', stepStartedAt: daysAgo(2000) } })).toBeNull();
    expect(caseEndedAt(ended('closed', '2025-01-02T03:04:05.000Z'))).toBe('2025-01-02T03:04:05.000Z');
  });
  it('an access record after five years', () => {
    expect(accessRecordDue({ at: daysAgo(5 * 366) }, c)).toBe(true);
    expect(accessRecordDue({ at: daysAgo(4 * 365) }, c)).toBe(false);
  });
  it('follows a changed schedule', () => {
    const longer = cutoffs({ ...DEFAULT_RETENTION, photocopyYears: 5 }, now);
    const ended = { state: 'completed', clock: { step: 'completed', stepStartedAt: daysAgo(3 * 365) } };
    expect(photocopiesDue(ended, c)).toBe(true);
    expect(photocopiesDue(ended, longer)).toBe(false);
  });
});

describe('the TTL safety net of upload links', () => {
  it('is the job\'s deletion date plus a week', () => {
    expect(uploadLinkTtl('2026-11-27T02:30:00.000Z', DEFAULT_RETENTION).toISOString()).toBe('2026-12-05T02:30:00.000Z');
  });
});
