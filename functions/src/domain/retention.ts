/**
 * How long personal data is kept (UU 27/2022 asks for retention limits): the office's schedule
 * (admin-editable, in the settings) and the pure rules that say what is due for deletion, given
 * the schedule and the dates stored on each record. The daily job (`retention/purge.ts`) queries
 * with the cut-offs computed here and asks the `…Due` functions again before it deletes anything.
 *
 * All instants are ISO-8601 UTC strings, as stored. Pure: no Firebase, no Node-only module.
 */

export interface RetentionSchedule {
  /** Days an upload link (`uploadGrants`) is kept after it expired. */
  expiredUploadLinkDays: number;
  /** Days a photo the FO rejected is kept after the rejection (the phone page shows the reason meanwhile). */
  rejectedPhotoDays: number;
  /** Days the body and the address of an email (`outbox`) are kept after its delivery ended. */
  outboxDays: number;
  /** Years the photocopies of a case are kept after the case ended (completed or closed). */
  photocopyYears: number;
  /** Years an access record (`accessLog`) is kept. */
  accessLogYears: number;
}

/**
 * Defaults an office would accept.
 * - Upload links: 1 day. A link is useless 30 minutes after it was made; a day keeps it for a
 *   question at the counter the same day.
 * - Rejected photos: 30 days. The applicant sees why a photo was refused and takes another; after
 *   a month the rejection has done its work (the history entry keeps the fact and the reason).
 * - Email bodies and addresses: 30 days after delivery ended (sent or failed for good), long
 *   enough to answer "did the email arrive?"; the delivery status stays.
 * - Photocopies: 2 years after the case ended. The Surat Keterangan and the case record remain;
 *   the photocopies (KTP/KK, KKS, savings book, death certificate…) are needed only to answer an
 *   objection or a repeated complaint by the same family and for the yearly audits (Inspektorat,
 *   BPK) of the year in which the case ended, which are done within the following year. The
 *   office may set a longer period if its Jadwal Retensi Arsip requires one.
 * - Access records: 5 years, the period in which the use of the data may be questioned.
 * The purge log itself is kept.
 */
export const DEFAULT_RETENTION: Readonly<RetentionSchedule> = {
  expiredUploadLinkDays: 1,
  rejectedPhotoDays: 30,
  outboxDays: 30,
  photocopyYears: 2,
  accessLogYears: 5,
};

/** Bounds the settings page and `updateSettings` enforce (an office cannot set 0 or a century). */
export const RETENTION_BOUNDS: Readonly<Record<keyof RetentionSchedule, { min: number; max: number }>> = {
  expiredUploadLinkDays: { min: 1, max: 30 },
  rejectedPhotoDays: { min: 1, max: 365 },
  outboxDays: { min: 1, max: 365 },
  photocopyYears: { min: 1, max: 30 },
  accessLogYears: { min: 1, max: 30 },
};

/** What the purge log counts, one number per category. */
export const PURGE_CATEGORIES = [
  'uploadLinks',
  'rejectedPhotos',
  'outboxRedacted',
  'photocopies',
  'photocopyCases',
  'accessRecords',
] as const;
export type PurgeCategory = (typeof PURGE_CATEGORIES)[number];
export type PurgeCounts = Record<PurgeCategory, number>;

export const PURGE_LABELS: Record<PurgeCategory, string> = {
  uploadLinks: 'Tautan unggah kedaluwarsa dihapus',
  rejectedPhotos: 'Foto yang ditolak dihapus',
  outboxRedacted: 'Isi dan alamat email dihapus dari kotak keluar',
  photocopies: 'Berkas fotokopi dihapus',
  photocopyCases: 'Pengaduan yang fotokopinya dihapus',
  accessRecords: 'Catatan akses dihapus',
};

export const zeroCounts = (): PurgeCounts =>
  Object.fromEntries(PURGE_CATEGORIES.map((c) => [c, 0])) as PurgeCounts;

const DAY_MS = 86_400_000;

/** `iso` minus whole days (UTC). */
export function minusDays(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/**
 * `now` minus whole calendar years (UTC), clamped to the month's end: 29 February minus one
 * year is 28 February.
 */
export function minusYears(now: Date, years: number): string {
  const d = new Date(now.getTime());
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCMonth() !== month) d.setUTCDate(0); // rolled into March: last day of February
  return d.toISOString();
}

/** The instant before which each category's dates are due (a record is due when its date < cut-off). */
export interface Cutoffs {
  uploadLinks: string;
  rejectedPhotos: string;
  outbox: string;
  photocopies: string;
  accessLog: string;
}

export function cutoffs(schedule: RetentionSchedule, now: Date): Cutoffs {
  return {
    uploadLinks: minusDays(now, schedule.expiredUploadLinkDays),
    rejectedPhotos: minusDays(now, schedule.rejectedPhotoDays),
    outbox: minusDays(now, schedule.outboxDays),
    photocopies: minusYears(now, schedule.photocopyYears),
    accessLog: minusYears(now, schedule.accessLogYears),
  };
}

/** True when `iso` is a readable instant strictly before `cutoff`. An unreadable date is never due. */
export function before(iso: unknown, cutoff: string): boolean {
  if (typeof iso !== 'string') return false;
  const t = Date.parse(iso);
  return Number.isFinite(t) && t < Date.parse(cutoff);
}

/** An upload link is due once it expired more than `expiredUploadLinkDays` ago (revoked links expire too). */
export function uploadLinkDue(grant: { expiresAt?: unknown }, c: Cutoffs): boolean {
  return before(grant.expiresAt, c.uploadLinks);
}

/** A photo is due when the FO rejected it more than `rejectedPhotoDays` ago. */
export function rejectedPhotoDue(record: { status?: unknown; rejectedAt?: unknown }, c: Cutoffs): boolean {
  return record.status === 'rejected' && before(record.rejectedAt, c.rejectedPhotos);
}

/** Delivery states after which nothing more is sent. */
const DELIVERY_ENDED = ['SUCCESS', 'ERROR'];

/**
 * An email's body and address are due once its delivery ended (sent, or failed for good) more
 * than `outboxDays` ago; never while it may still be sent, and not twice.
 */
export function outboxDue(
  doc: { delivery?: { state?: unknown; endTime?: unknown } | null; redaction?: unknown },
  c: Cutoffs,
): boolean {
  const d = doc.delivery;
  if (!d || doc.redaction) return false;
  return DELIVERY_ENDED.includes(String(d.state)) && before(d.endTime, c.outbox);
}

/** States in which a case has ended. */
export const ENDED_STATES = ['completed', 'closed'] as const;

/**
 * When a case ended: the instant its clock stopped in a final state (`clock.stepStartedAt` of the
 * stopped clock, written once by the final transition), or null while it has not ended.
 */
export function caseEndedAt(kase: {
  state?: unknown;
  clock?: { step?: unknown; stepStartedAt?: unknown; paused?: unknown } | null;
}): string | null {
  const ended = (ENDED_STATES as readonly unknown[]).includes(kase.state);
  const clock = kase.clock;
  if (!ended || !clock || clock.step !== kase.state || typeof clock.stepStartedAt !== 'string') return null;
  return clock.stepStartedAt;
}

/** A case's photocopies are due once it ended more than `photocopyYears` ago. */
export function photocopiesDue(kase: Parameters<typeof caseEndedAt>[0], c: Cutoffs): boolean {
  return before(caseEndedAt(kase), c.photocopies);
}

/** An access record is due when it is older than `accessLogYears`. */
export function accessRecordDue(record: { at?: unknown }, c: Cutoffs): boolean {
  return before(record.at, c.accessLog);
}

/**
 * The Firestore TTL date of an upload link (`uploadGrants.expireAt`): the day the daily job would
 * delete it, plus a week's grace. TTL is the safety net for a job that stopped running; the job
 * deletes first and counts what it deletes.
 */
export const TTL_GRACE_DAYS = 7;
export function uploadLinkTtl(expiresAt: string, schedule: Pick<RetentionSchedule, 'expiredUploadLinkDays'>): Date {
  return new Date(Date.parse(expiresAt) + (schedule.expiredUploadLinkDays + TTL_GRACE_DAYS) * DAY_MS);
}
