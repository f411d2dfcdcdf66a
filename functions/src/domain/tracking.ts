/**
 * The applicant's side of a case: the tracking code printed on the receipt (*tanda terima*), what
 * the public tracking page `/lacak` answers, and the slow-down of wrong attempts. Pure: no
 * Firebase, no Node-only module (the tracking page and the staff page import parts of it); the
 * keyed hash of the code lives in the shell (`../tracking/`).
 *
 * Guarantees:
 *  - a tracking code is 10 characters of Crockford base32 from the platform's CSPRNG: 50 random
 *    bits (32^10 ≈ 1.1·10^15), printed `XXXXX-XXXXX`, typed case-insensitively with the
 *    look-alikes I/L → 1 and O → 0 (the letters' verification codes use the same alphabet);
 *  - the answer of `/lacak` carries no personal data but the masked applicant name, and no staff
 *    name or free text typed by staff (a reason or a note could name a person);
 *  - `nextThrottle` is the one policy of wrong attempts, per case number and per client address.
 */
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  displayVerificationCode,
  newVerificationCode,
  normalizeVerificationCode,
} from './letterCode.js';
import { formatTanggalWaktu, NAMA_HARI, OFFICE_UTC_OFFSET_MINUTES, timeZoneLabel } from './indonesianDate.js';
import type { IsoWeekday, OfficeCalendar, TimeStandards } from './officeClock.js';
import { STEP_STATES } from './officeClock.js';
import type { Letterhead } from './settings.js';
import {
  COMPLAINT_TYPE_LABELS,
  DOCUMENT_LABELS,
  STATE_LABELS,
  type CaseState,
  type ComplaintType,
  type DocumentKind,
} from './vocabulary.js';

// ---------------------------------------------------------------------------------------------
// The code

export const TRACKING_CODE_ALPHABET = CODE_ALPHABET;
export const TRACKING_CODE_LENGTH = CODE_LENGTH;
/** log2(32) × 10. */
export const TRACKING_CODE_BITS = Math.log2(TRACKING_CODE_ALPHABET.length) * TRACKING_CODE_LENGTH;

/** A new tracking code (crypto.getRandomValues; uniform over the 32 symbols). */
export const newTrackingCode = (): string => newVerificationCode();

/** A typed or scanned code in canonical form, or null when it cannot be one. */
export const normalizeTrackingCode = (input: unknown): string | null =>
  typeof input === 'string' ? normalizeVerificationCode(input) : null;

/** 'K7Q2M9XH3D' → 'K7Q2M-9XH3D'. */
export const displayTrackingCode = (code: string): string => displayVerificationCode(code);

export const TRACKING_PATH = '/lacak';

/** The QR code's link: `<base>/lacak?n=<number>&k=<code>` (the page removes `k` from the address bar). */
export function trackingUrl(base: string, number: string, code: string): string {
  const q = new URLSearchParams({ n: number, k: code });
  return `${base.replace(/\/+$/, '')}${TRACKING_PATH}?${q.toString()}`;
}

/** The link printed for typing: `pengaduan.example.go.id/lacak` (no scheme, no code). */
export function shortTrackingLink(base: string): string {
  return `${base.replace(/\/+$/, '').replace(/^https?:\/\//, '')}${TRACKING_PATH}`;
}

/**
 * The WhatsApp share link (`https://wa.me/?text=…`): WhatsApp opens and lets the sender pick the
 * chat. With `phone` (canonical `+628…`, only when the FO chooses to send to the applicant's own
 * number) the link opens that chat: `https://wa.me/628…?text=…`.
 */
export function whatsappShareUrl(text: string, phone?: string): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  return `https://wa.me/${digits}?text=${encodeURIComponent(text)}`;
}

/** The message shared by WhatsApp: number, code, link; no name. */
export function whatsappText(input: { number: string; code: string; url: string; office: string }): string {
  return [
    `Tanda terima pengaduan ${input.office}`,
    `Nomor pengaduan: ${input.number}`,
    `Kode pelacakan: ${displayTrackingCode(input.code)}`,
    `Lacak status pengaduan: ${input.url}`,
    'Kode pelacakan bersifat rahasia; jangan dibagikan kepada orang lain.',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The receipt's content (rendered by ../tracking/receipt.ts)

export const REPRINT_WARNING = 'Mencetak ulang akan mengganti kode pelacakan';

/** The SOP's standard in minutes from complete documents to the letter: the sum of the steps. */
export function totalStandardMinutes(standards: TimeStandards): number {
  return STEP_STATES.reduce((sum, s) => sum + (standards[s] ?? 0), 0);
}

/** The steps of the time standard as the receipt prints them. */
export const STEP_PUBLIC_LABELS: Record<(typeof STEP_STATES)[number], string> = {
  intake: 'Penerimaan',
  submitted: 'Pemeriksaan berkas',
  verified: 'Analisis',
  drafted: 'Paraf',
  initialled: 'Tanda tangan',
  signed: 'Penyerahan surat',
};

export function timeStandardLines(standards: TimeStandards): { total: string; steps: string } {
  return {
    total: `${totalStandardMinutes(standards)} menit sejak dokumen lengkap, dihitung dalam jam kerja`,
    steps: STEP_STATES.map((s) => `${STEP_PUBLIC_LABELS[s]} ${standards[s]}`).join(', ') + ' menit',
  };
}

// ---------------------------------------------------------------------------------------------
// The office's hours as a sentence

const hm = (s: string) => s.replace(':', '.');

/** 'Senin–Kamis pukul 07.30–16.00 WITA', 'Jumat pukul 07.30–16.30 WITA' (consecutive equal days grouped). */
export function officeHoursLines(calendar: OfficeCalendar): string[] {
  const tz = timeZoneLabel(calendar.timeZoneOffsetMinutes);
  const days = ([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[]).filter((d) => calendar.workingDays.includes(d));
  const groups: { from: IsoWeekday; to: IsoWeekday; hours: string }[] = [];
  for (const d of days) {
    const h = calendar.hoursByWeekday?.[d] ?? calendar.hours;
    const hours = `${hm(h.start)}–${hm(h.end)}`;
    const last = groups[groups.length - 1];
    if (last && last.hours === hours && last.to === d - 1) last.to = d;
    else groups.push({ from: d, to: d, hours });
  }
  const name = (d: IsoWeekday) => NAMA_HARI[d % 7] ?? '';
  return groups.map(
    (g) => `${g.from === g.to ? name(g.from) : `${name(g.from)}–${name(g.to)}`} pukul ${g.hours} ${tz}`,
  );
}

// ---------------------------------------------------------------------------------------------
// The answer of /lacak

/** One sentence per state, in plain Indonesian, addressed to the applicant. */
export const STATE_SENTENCES: Record<CaseState, string> = {
  intake: 'Pengaduan Anda sudah diterima dan sedang dicatat oleh petugas Front Office.',
  submitted: 'Berkas Anda sedang diperiksa oleh petugas.',
  awaiting_documents:
    'Pengaduan Anda menunggu kelengkapan dokumen. Silakan bawa dokumen yang masih kurang ke kantor.',
  verified: 'Berkas Anda sudah lengkap dan sedang dianalisis oleh petugas.',
  drafted: 'Surat Keterangan untuk Anda sedang disiapkan dan menunggu paraf Koordinator.',
  initialled: 'Surat Keterangan untuk Anda menunggu tanda tangan Kepala Bidang Sosial.',
  signed: 'Surat Keterangan Anda sudah ditandatangani dan sedang diterbitkan.',
  completed: 'Pengaduan Anda sudah selesai. Surat Keterangan telah diserahkan.',
  closed: 'Pengaduan Anda ditutup. Silakan hubungi kantor untuk penjelasan lebih lanjut.',
};

/** When the letter is issued and waits at the counter. */
export const LETTER_READY_SENTENCE = 'Surat Keterangan Anda sudah selesai dan dapat diambil di kantor.';

/** History actions the applicant sees, in words; every other entry (views, uploads, failures) is left out. */
export const PUBLIC_EVENT_LABELS: Record<string, string> = {
  intake: 'Pengaduan diterima',
  receiptIssued: 'Tanda terima diberikan',
  submit: 'Berkas diajukan untuk diperiksa',
  returnToApplicant: 'Berkas dikembalikan: menunggu kelengkapan dokumen',
  documentsCompleted: 'Dokumen dilengkapi',
  verify: 'Berkas selesai diperiksa',
  decideYes: 'Analisis selesai; surat disiapkan',
  decideNo: 'Berkas dikembalikan untuk diperiksa ulang',
  paraf: 'Surat diparaf Koordinator',
  requestRevision: 'Surat diperbaiki',
  sign: 'Surat ditandatangani Kepala Bidang Sosial',
  letterIssued: 'Surat Keterangan selesai diterbitkan',
  letterEmailed: 'Surat Keterangan dikirim ke email Anda',
  recordHandover: 'Surat Keterangan diserahkan',
};

/** A history entry as /lacak reads it (no names, no notes). */
export interface PublicHistoryInput {
  action: string;
  at: string;
  to?: string | null;
}

export interface TrackingStep {
  label: string;
  /** ISO instant. */
  at: string;
  /** '27 November 2026 pukul 14.05 WITA'. */
  when: string;
}

export interface CollectInfo {
  address: string;
  hours: string[];
  phone?: string;
  bring: string;
}

/** The answer of `POST /api/lacak` for a known number with its right code. */
/** What `issueReceipt` answers: the shell returns it, the case page's receipt panel reads it. */
export interface IssuedReceipt {
  number: string;
  /** The new code, shown once (`XXXXX-XXXXX` in `codeDisplay`); every earlier code stops working. */
  code: string;
  codeDisplay: string;
  trackingUrl: string;
  shortLink: string;
  /** `https://wa.me/?text=…` without a phone number: the sender picks the chat. */
  whatsappUrl: string;
  whatsappText: string;
  issue: number;
  a5: { filename: string; base64: string };
  roll: { filename: string; base64: string; widthMm: 58 | 80 };
  /** The A5 receipt was queued to the applicant's email. */
  emailQueued: boolean;
}

export interface TrackingAnswer {
  number: string;
  /** 'S*** A*****'. */
  applicantName: string;
  complaintType: string;
  state: CaseState;
  stateLabel: string;
  sentence: string;
  steps: TrackingStep[];
  /** While the case waits for documents: what is still missing. */
  missingDocuments?: string[];
  /** When the letter is ready (or handed over): where and when to collect it. */
  collect?: CollectInfo;
  /**
   * OPTIONAL — the satisfaction survey (SKM): a one-time survey link once the case is `completed`,
   * filled in by the survey module (survey/invites.ts `surveyLinkFor`, wired in http/lacak.ts).
   */
  surveyUrl?: string;
}

/** What the case contributes to the answer (read by the shell; no identity but the masked name). */
export interface TrackingCase {
  number: string;
  state: CaseState;
  complaintType: ComplaintType;
  applicantName: string;
  sentBackMissing?: readonly DocumentKind[] | null;
  /** The letter is stored and waits for hand-over. */
  letterReady: boolean;
}

export function buildTrackingAnswer(
  kase: TrackingCase,
  history: readonly PublicHistoryInput[],
  office: { letterhead: Pick<Letterhead, 'address' | 'phone' | 'office'>; calendar: OfficeCalendar },
  opts: { surveyUrl?: string | null } = {},
): TrackingAnswer {
  const offset = office.calendar.timeZoneOffsetMinutes ?? OFFICE_UTC_OFFSET_MINUTES;
  // A reprinted receipt is the same step for the applicant: only the first one is shown.
  const steps = [...history]
    .filter((h) => PUBLIC_EVENT_LABELS[h.action] !== undefined && Number.isFinite(Date.parse(h.at)))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .filter(
      (h, i, all) => h.action !== 'receiptIssued' || all.findIndex((x) => x.action === 'receiptIssued') === i,
    )
    .map((h) => ({
      label:
        h.action === 'decideNo' && h.to === 'closed'
          ? 'Pengaduan ditutup'
          : (PUBLIC_EVENT_LABELS[h.action] as string),
      at: h.at,
      when: formatTanggalWaktu(new Date(h.at), offset),
    }));
  const ready = kase.state === 'signed' && kase.letterReady;
  const answer: TrackingAnswer = {
    number: kase.number,
    applicantName: kase.applicantName,
    complaintType: COMPLAINT_TYPE_LABELS[kase.complaintType] ?? String(kase.complaintType),
    state: kase.state,
    stateLabel: ready ? 'Surat siap diambil' : STATE_LABELS[kase.state],
    sentence: ready ? LETTER_READY_SENTENCE : STATE_SENTENCES[kase.state],
    steps,
  };
  if (kase.state === 'awaiting_documents' && kase.sentBackMissing && kase.sentBackMissing.length > 0) {
    answer.missingDocuments = kase.sentBackMissing.map((d) => DOCUMENT_LABELS[d] ?? String(d));
  }
  if (ready || kase.state === 'completed') {
    answer.collect = {
      address: office.letterhead.address,
      hours: officeHoursLines(office.calendar),
      ...(office.letterhead.phone ? { phone: office.letterhead.phone } : {}),
      bring: ready
        ? 'Bawa tanda terima ini dan KTP asli pemohon. Bila diambil oleh orang lain, bawa surat kuasa.'
        : 'Surat Keterangan sudah diserahkan. Simpan surat tersebut dan bawa ke bank penyalur bila diperlukan.',
    };
  }
  if (kase.state === 'completed' && opts.surveyUrl) answer.surveyUrl = opts.surveyUrl;
  return answer;
}

/** The one answer for an unknown number and for a wrong code (same status, same body). */
export const NOT_MATCHED_MESSAGE =
  'Nomor pengaduan atau kode pelacakan tidak sesuai. Periksa kembali tanda terima Anda.';

// ---------------------------------------------------------------------------------------------
// Slow-down of wrong attempts

export interface ThrottlePolicy {
  /** Failures within `windowMinutes` that lock the key. */
  maxFailures: number;
  windowMinutes: number;
  /** The first lock; each further lock doubles, up to `maxLockMinutes`. */
  baseLockMinutes: number;
  maxLockMinutes: number;
  /** Locks are forgotten (the growth starts again) this long after the last one ended. */
  forgetAfterMinutes: number;
}

/** Per case number: 5 wrong codes in 15 minutes lock the number for 15, 30, 60 … minutes (max 24 h). */
export const PER_NUMBER: ThrottlePolicy = {
  maxFailures: 5,
  windowMinutes: 15,
  baseLockMinutes: 15,
  maxLockMinutes: 24 * 60,
  forgetAfterMinutes: 24 * 60,
};

/**
 * Per client address: 10 failures in 15 minutes. Higher than per number because many phones share
 * one address behind a carrier's NAT, and an address trying many numbers is what it must stop.
 */
export const PER_ADDRESS: ThrottlePolicy = {
  maxFailures: 10,
  windowMinutes: 15,
  baseLockMinutes: 15,
  maxLockMinutes: 24 * 60,
  forgetAfterMinutes: 24 * 60,
};

/** The stored record of one key (instants are ISO strings). */
export interface ThrottleRecord {
  /** Failures within the window, oldest first. */
  failures: string[];
  lockedUntil: string | null;
  /** Locks so far (the next lock lasts base × 2^locks). */
  locks: number;
  /** When the record may be deleted (Firestore TTL); always after the lock and the window. */
  expireAt: string;
}

const MIN = 60_000;
const parse = (iso: unknown): number => (typeof iso === 'string' ? Date.parse(iso) : Number.NaN);

/** Seconds until the key may try again, or 0 when it is not locked. Unreadable lock → locked for the base period. */
export function lockedForSeconds(
  rec: Partial<ThrottleRecord> | null | undefined,
  now: Date,
  policy: ThrottlePolicy,
): number {
  if (!rec?.lockedUntil) return 0;
  const until = parse(rec.lockedUntil);
  if (!Number.isFinite(until)) return policy.baseLockMinutes * 60;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/** The record after one more failure at `now` (locks when the window holds `maxFailures`). */
export function recordFailure(
  rec: Partial<ThrottleRecord> | null | undefined,
  now: Date,
  policy: ThrottlePolicy,
): ThrottleRecord {
  const t = now.getTime();
  const lastLockEnd = parse(rec?.lockedUntil);
  const forgotten = !Number.isFinite(lastLockEnd) || t - lastLockEnd > policy.forgetAfterMinutes * MIN;
  let locks = forgotten ? 0 : Math.max(0, Math.floor(Number(rec?.locks ?? 0)) || 0);
  const failures = (Array.isArray(rec?.failures) ? rec.failures : [])
    .map(parse)
    .map((x) => (Number.isFinite(x) && x <= t ? x : t)) // unreadable or future: counts as now
    .filter((x) => t - x < policy.windowMinutes * MIN)
    .concat(t)
    .sort((a, b) => a - b);
  let lockedUntil: number | null = Number.isFinite(lastLockEnd) && lastLockEnd > t ? lastLockEnd : null;
  let kept = failures;
  if (failures.length >= policy.maxFailures) {
    const minutes = Math.min(policy.maxLockMinutes, policy.baseLockMinutes * 2 ** locks);
    lockedUntil = t + minutes * MIN;
    locks += 1;
    kept = [];
  } else if (!forgotten && Number.isFinite(lastLockEnd) && lockedUntil === null) {
    // A past lock is remembered (for the growth) until forgotten.
    lockedUntil = lastLockEnd;
  }
  const keepUntil = Math.max(
    lockedUntil ?? 0,
    t + policy.windowMinutes * MIN,
    (lockedUntil ?? t) + (locks > 0 ? policy.forgetAfterMinutes * MIN : 0),
  );
  return {
    failures: kept.slice(-policy.maxFailures).map((x) => new Date(x).toISOString()),
    lockedUntil: lockedUntil === null ? null : new Date(lockedUntil).toISOString(),
    locks,
    expireAt: new Date(keepUntil).toISOString(),
  };
}

/** 'Terlalu banyak percobaan. Silakan coba lagi dalam N menit.' */
export function throttledMessage(seconds: number): string {
  return `Terlalu banyak percobaan. Silakan coba lagi dalam ${Math.max(1, Math.ceil(seconds / 60))} menit.`;
}

/**
 * The client address a request is counted under: the first `X-Forwarded-For` entry (the address
 * Firebase Hosting and Google's front end saw the request come from, as the Functions emulator
 * passes it too), else the socket's address. The first entry can be written by the client itself,
 * so this key only slows down the careless; the per-number key holds whatever the client claims.
 */
export function clientAddress(
  forwardedFor: string | string[] | undefined,
  socketIp: string | undefined,
): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const first = header.split(',')[0]?.trim() ?? '';
  const ip = first || (socketIp ?? '').trim();
  return (ip.replace(/^::ffff:/, '') || 'unknown').slice(0, 64).toLowerCase();
}
