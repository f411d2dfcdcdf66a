/**
 * Limits on photocopy uploads: when a case takes uploads at all, how many files one document kind
 * may hold, how many files one upload link may bring, and how fast a link may send. The shell
 * (`uploads/`) checks them inside the transactions that write; the phone page shows what is left.
 * Pure: no Firebase, no Node-only module.
 */
import { DomainError } from './errors.js';
import { DOCUMENT_LABELS, type CaseState, type DocumentKind } from './vocabulary.js';

export const UPLOAD_LIMITS = {
  /** Received (not rejected) files of one document kind on one case. */
  perKind: 5,
  /** New files accepted through one upload link, whatever their kind. */
  perLink: 20,
  /** Upload attempts through one link within `windowSeconds`. */
  perWindow: 10,
  windowSeconds: 60,
} as const;
export type UploadLimits = typeof UPLOAD_LIMITS;

/**
 * States in which a case takes photocopies: before verification (intake, and while the FO checks
 * or waits for the applicant). Once verified, the analyst, the coordinator and the Kabid work on
 * the documents the FO checked; a document that must be replaced goes back through the FO
 * (decide "Tidak" → back to the FO, who rejects the photo), which opens uploads again.
 */
export const UPLOAD_OPEN_STATES: readonly CaseState[] = ['intake', 'submitted', 'awaiting_documents'];
export const FINAL_STATES: readonly CaseState[] = ['completed', 'closed'];

export type UploadClosedReason = 'case-final' | 'documents-verified';

/** Why a case takes no uploads now, or null when it does. */
export function uploadsClosedReason(state: CaseState): UploadClosedReason | null {
  if (FINAL_STATES.includes(state)) return 'case-final';
  if (!UPLOAD_OPEN_STATES.includes(state)) return 'documents-verified';
  return null;
}

export const UPLOAD_LIMIT_MESSAGES = {
  caseFinal: 'Kasus ini sudah selesai atau ditutup; dokumen tidak dapat diunggah lagi.',
  documentsVerified:
    'Dokumen pengaduan ini sudah diverifikasi petugas, sehingga unggahan tidak diterima lagi. Bila ada dokumen yang perlu diganti, petugas akan menghubungi Anda.',
  kindFull: (kind: DocumentKind, n: number) =>
    `Batas unggah tercapai: sudah ada ${n} berkas ${DOCUMENT_LABELS[kind]}. Tunggu pemeriksaan petugas; bila ada foto yang ditolak, Anda dapat mengirim penggantinya.`,
  linkFull: (n: number) =>
    `Batas unggah tercapai: tautan ini sudah dipakai untuk ${n} berkas. Minta petugas menampilkan kode QR yang baru bila masih ada dokumen yang perlu dikirim.`,
  rateLimited: (seconds: number) =>
    `Terlalu banyak unggahan dalam waktu singkat. Tunggu ${seconds} detik, lalu kirim lagi.`,
} as const;

/** Refuses (`failed-precondition`) an upload to a case in `state`. */
export function assertUploadsOpen(state: CaseState): void {
  const reason = uploadsClosedReason(state);
  if (reason === 'case-final') throw new DomainError('failed-precondition', UPLOAD_LIMIT_MESSAGES.caseFinal, { reason });
  if (reason === 'documents-verified') {
    throw new DomainError('failed-precondition', UPLOAD_LIMIT_MESSAGES.documentsVerified, { reason });
  }
}

/** Refuses (`resource-exhausted`, reason `kind-limit`) a new file when `received` files of `kind` are held. */
export function assertKindRoom(kind: DocumentKind, received: number, limits: Pick<UploadLimits, 'perKind'> = UPLOAD_LIMITS): void {
  if (received >= limits.perKind) {
    throw new DomainError('resource-exhausted', UPLOAD_LIMIT_MESSAGES.kindFull(kind, received), {
      reason: 'kind-limit',
      kind,
      limit: limits.perKind,
    });
  }
}

/** Refuses (`resource-exhausted`, reason `link-limit`) a new file when the link already brought `files`. */
export function assertLinkRoom(files: number, limits: Pick<UploadLimits, 'perLink'> = UPLOAD_LIMITS): void {
  if (files >= limits.perLink) {
    throw new DomainError('resource-exhausted', UPLOAD_LIMIT_MESSAGES.linkFull(files), {
      reason: 'link-limit',
      limit: limits.perLink,
    });
  }
}

/**
 * The sliding window of a link's recent attempts (ISO instants). Returns the window to store with
 * this attempt added; refuses (`resource-exhausted`, reason `rate-limited`, `retryAfterSeconds`)
 * when `perWindow` attempts already fall within the last `windowSeconds`. Unreadable or future
 * instants count as now (fail closed), and only the last `perWindow` are kept.
 */
export function takeRateSlot(
  recent: unknown,
  now: Date,
  limits: Pick<UploadLimits, 'perWindow' | 'windowSeconds'> = UPLOAD_LIMITS,
): string[] {
  const windowMs = limits.windowSeconds * 1000;
  const t = now.getTime();
  const times = (Array.isArray(recent) ? recent : [])
    .map((x) => (typeof x === 'string' ? Date.parse(x) : Number.NaN))
    .map((x) => (Number.isFinite(x) && x <= t ? x : t))
    .filter((x) => t - x < windowMs)
    .sort((a, b) => a - b);
  if (times.length >= limits.perWindow) {
    const oldest = times[times.length - limits.perWindow] ?? t;
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest + windowMs - t) / 1000));
    throw new DomainError('resource-exhausted', UPLOAD_LIMIT_MESSAGES.rateLimited(retryAfterSeconds), {
      reason: 'rate-limited',
      retryAfterSeconds,
    });
  }
  return [...times, t].slice(-limits.perWindow).map((x) => new Date(x).toISOString());
}
