/**
 * Issuing the Surat Keterangan of a signed case: number → render → sign → store → register → queue
 * the email. Idempotent by construction, whatever calls it (the trigger, a replayed event, the
 * sweeper) and however often:
 *
 *  1. transaction 1 claims a lease on the case (`letter.status` 'rendering', `leaseId`,
 *     `leaseUntil`, `attempts` + 1) only from 'pending', a due 'failed' or an expired 'rendering';
 *     if the case has no number yet, the same transaction takes the next sequence of
 *     `counters/letters-{year}`, creates the register entry `letters/{year}-{seq}` and writes the
 *     number and verification code on the case — so numbers are gap-free and a case is numbered once;
 *  2. outside any transaction: render (deterministic bytes for the same case), sign through the
 *     LetterSigner, and store at `letters/{year}/{caseId}.pdf` (a retry overwrites the same path);
 *  3. transaction 2, only while the lease is still ours: 'rendered' with path, SHA-256 and time on
 *     the case and the register, one hash-chained history entry, and the outbox document
 *     `outbox/letter-{caseId}` created only if absent — one email per case, ever.
 *
 * A failure is written on the case ('failed', an Indonesian message for staff, `attempts`,
 * `nextAttemptAt`); the trigger retries after a backoff (10 s, 30 s, 90 s; 4 attempts in all), and
 * the sweeper catches anything whose event was lost or whose instance died holding the lease.
 * `case.version` is never bumped: it counts staff transitions.
 */
import { randomUUID } from 'node:crypto';
import { FieldValue, type DocumentReference, type Transaction } from 'firebase-admin/firestore';
import { isDomainError } from '../domain/errors.js';
import { formatTanggal, officeDateParts } from '../domain/indonesianDate.js';
import { maskName } from '../domain/letterContent.js';
import { formatLetterNumber } from '../domain/letterNumber.js';
import type { OfficeSettings } from '../domain/settings.js';
import { COMPLAINT_TYPE_LABELS } from '../domain/vocabulary.js';
import type { CaseSnapshot } from '../domain/workflow.js';
import { renderLetterPdf, sha256Hex } from './render.js';
import { electronicMarkSigner, type LetterSigner } from './signer.js';
import { db, bucket } from '../firebase/admin.js';
import { registerCol, type RegisterEntry } from './register.js';
import { appendHistory, tryReadCase, type StoredCase } from '../cases/store.js';
import { newVerificationCode, verificationUrl } from '../domain/letterCode.js';
import {
  attemptsLeft,
  leaseExpired,
  leaseUntil,
  nextAttemptAt,
  retryDue,
  type RetryPolicy,
} from '../domain/retry.js';
import { letterEmail, letterFilename, letterInputOf } from '../domain/letterInput.js';
import { publicBaseUrl } from '../firebase/params.js';
import { loadSettings } from '../firebase/settings.js';

/** 4 attempts, 10 s / 30 s / 90 s apart; the lease outlives the trigger's 300 s timeout. */
export const LETTER_RETRY: RetryPolicy = {
  maxAttempts: 4,
  backoffMs: [10_000, 30_000, 90_000],
  leaseMs: 6 * 60_000,
};

/** What the trigger writes on `case.letter` beyond the domain's LetterState. */
export interface StoredLetter {
  status: 'pending' | 'rendering' | 'rendered' | 'failed';
  number?: string;
  sequence?: number;
  year?: number;
  registerId?: string;
  verificationCode?: string;
  storagePath?: string;
  sha256?: string;
  pages?: number;
  signatureProvider?: string;
  renderedAt?: string;
  attempts?: number;
  leaseId?: string;
  leaseUntil?: string;
  nextAttemptAt?: string;
  error?: string;
  email?: { status: string; at: string; to?: string; error?: string; attempts?: number };
  revoked?: { reason: string; at: string; by: string; byName: string };
}

export const outboxRef = (caseId: string) => db().collection('outbox').doc(`letter-${caseId}`);
export const letterStoragePath = (year: number, caseId: string) => `letters/${year}/${caseId}.pdf`;

type Kase = CaseSnapshot & StoredCase & { letter?: StoredLetter | null };

/** Whether a letter in this state may be (re)claimed now. */
export function claimable(letter: StoredLetter | null | undefined, now: Date): boolean {
  if (!letter || !attemptsLeft(LETTER_RETRY, letter.attempts ?? 0)) return false;
  if (letter.status === 'pending') return true;
  if (letter.status === 'failed') return retryDue(letter.nextAttemptAt, now);
  if (letter.status === 'rendering') return leaseExpired(letter.leaseUntil, now);
  return false;
}

const SYSTEM = { by: 'system', byName: 'Sistem' } as const;

async function readKase(
  tx: Transaction,
  caseId: string,
): Promise<{ ref: DocumentReference; kase: Kase } | null> {
  // The whole case: the letter needs the identity (names, NIK, address, email) as well.
  const read = await tryReadCase(tx, caseId);
  return read ? { ref: read.ref, kase: read.kase } : null;
}

interface Claimed {
  leaseId: string;
  kase: Kase;
  number: string;
  code: string;
  year: number;
  registerId: string;
  attempt: number;
}

/** Transaction 1: claim the lease and, once per case, take the number. */
async function claim(caseId: string, settings: OfficeSettings, now: Date): Promise<Claimed | null> {
  return db().runTransaction(async (tx) => {
    const read = await readKase(tx, caseId);
    if (!read) return null;
    const { ref, kase } = read;
    const letter = kase.letter;
    if (kase.state !== 'signed' || !claimable(letter, now) || !kase.signature) return null;
    const leaseId = randomUUID();
    const attempt = (letter?.attempts ?? 0) + 1;
    const patch: Record<string, unknown> = {
      'letter.status': 'rendering',
      'letter.leaseId': leaseId,
      'letter.leaseUntil': leaseUntil(LETTER_RETRY, now),
      'letter.attempts': attempt,
    };
    let { number, verificationCode: code, year, registerId } = letter ?? {};
    if (!number || !code || !year || !registerId) {
      const signedAt = new Date(kase.signature.at);
      const offset = settings.calendar.timeZoneOffsetMinutes;
      year = officeDateParts(signedAt, offset).year;
      const counter = db().doc(`counters/letters-${year}`);
      const c = await tx.get(counter);
      const sequence = ((c.get('last') as number | undefined) ?? 0) + 1;
      const ln = settings.letterNumber;
      number = formatLetterNumber(
        ln.format,
        { classification: ln.classification, unit: ln.unit, sequence, date: signedAt, year },
        offset,
      );
      code = newVerificationCode();
      registerId = `${year}-${String(sequence).padStart(6, '0')}`;
      tx.set(counter, { last: sequence, updatedAt: now.toISOString() });
      const entry: RegisterEntry = {
        number,
        sequence,
        year,
        caseId,
        caseNumber: kase.number,
        code,
        status: 'numbered',
        issuedAt: kase.signature.at,
        signerName: kase.signature.name,
        signerTitle: settings.signer.title,
        applicantMasked: maskName(kase.applicant.name),
        complaintType: kase.complaintType,
        complaintLabel: COMPLAINT_TYPE_LABELS[kase.complaintType],
        createdAt: now.toISOString(),
      };
      tx.create(registerCol().doc(registerId), entry);
      Object.assign(patch, {
        'letter.number': number,
        'letter.sequence': sequence,
        'letter.year': year,
        'letter.registerId': registerId,
        'letter.verificationCode': code,
      });
    }
    tx.update(ref, patch);
    return { leaseId, kase, number, code, year, registerId, attempt };
  });
}

/** An Indonesian sentence for staff; DomainError messages are already Indonesian. */
function staffMessage(err: unknown): string {
  if (isDomainError(err)) return `Surat Keterangan gagal dibuat: ${err.message}`;
  return 'Surat Keterangan gagal dibuat karena gangguan sistem. Sistem akan mencoba lagi secara otomatis.';
}

/** Records a failed attempt (only while the lease is ours, or — for a failed claim — while still claimable). */
async function recordFailure(caseId: string, leaseId: string | null, err: unknown, now: Date): Promise<void> {
  await db().runTransaction(async (tx) => {
    const read = await readKase(tx, caseId);
    if (!read) return;
    const { ref, kase } = read;
    const letter = kase.letter;
    const ours =
      leaseId !== null
        ? letter?.status === 'rendering' && letter.leaseId === leaseId
        : claimable(letter, now);
    if (!ours || !letter) return;
    const attempts = leaseId !== null ? (letter.attempts ?? 1) : (letter.attempts ?? 0) + 1;
    const final = !attemptsLeft(LETTER_RETRY, attempts);
    const message =
      staffMessage(err) + (final ? ' Batas percobaan otomatis telah tercapai; hubungi administrator.' : '');
    const patch: Record<string, unknown> = {
      'letter.status': 'failed',
      'letter.attempts': attempts,
      'letter.error': message,
      'letter.leaseId': FieldValue.delete(),
      'letter.leaseUntil': FieldValue.delete(),
      'letter.nextAttemptAt': final
        ? FieldValue.delete()
        : nextAttemptAt(LETTER_RETRY, attempts, now),
    };
    appendHistory(
      tx,
      ref,
      kase,
      {
        action: 'letterFailed',
        from: kase.state,
        to: kase.state,
        at: now.toISOString(),
        ...SYSTEM,
        note: message,
      },
      patch,
    );
  });
}

export type LetterOutcome = 'issued' | 'skipped' | 'failed';

/**
 * Issues the letter of `caseId` if, and only if, it is due (see the module comment). Never throws
 * for a rendering problem: the failure is recorded on the case.
 */
export async function processLetter(
  caseId: string,
  signer: LetterSigner = electronicMarkSigner,
): Promise<LetterOutcome> {
  const settings = await loadSettings();
  let claimed: Claimed | null;
  try {
    claimed = await claim(caseId, settings, new Date());
  } catch (err) {
    await recordFailure(caseId, null, err, new Date());
    return 'failed';
  }
  if (!claimed) return 'skipped';
  const { kase, leaseId, number, code, year } = claimed;
  try {
    const profileSnap = kase.signature ? await db().collection('users').doc(kase.signature.uid).get() : null;
    const url = verificationUrl(publicBaseUrl(), code);
    const input = letterInputOf(kase, settings, profileSnap?.data(), {
      number,
      code,
      verificationUrl: url,
      mark: signer.mark,
    });
    const rendered = await renderLetterPdf(input);
    const signed = await signer.sign(rendered.pdf, {
      letterNumber: number,
      signerName: input.signer.name,
      signerNip: input.signer.nip,
      signerTitle: input.signer.title,
      signedAt: input.signature.signedAt,
      reason: 'Surat Keterangan pengaduan KPM',
      location: input.place,
    });
    const sha256 = sha256Hex(signed.pdf);
    const storagePath = letterStoragePath(year, caseId);
    await bucket()
      .file(storagePath)
      .save(signed.pdf, {
        resumable: false,
        contentType: 'application/pdf',
        metadata: {
          contentType: 'application/pdf',
          metadata: { sha256, number, caseId, provider: signed.provider },
        },
      });
    const email = kase.applicant.email
      ? letterEmail(kase, settings, { number, issuedAt: input.issuedAt, verificationUrl: url, code })
      : null;
    return await finish(caseId, leaseId, {
      number,
      storagePath,
      sha256,
      pages: rendered.pages,
      provider: signed.provider,
      signerTitle: input.signer.title,
      issuedOn: formatTanggal(input.issuedAt, input.utcOffsetMinutes),
      email,
    });
  } catch (err) {
    await recordFailure(caseId, leaseId, err, new Date());
    return 'failed';
  }
}

/** Transaction 2: publish the stored letter, write the history, queue the one email. */
async function finish(
  caseId: string,
  leaseId: string,
  r: {
    number: string;
    storagePath: string;
    sha256: string;
    pages: number;
    provider: string;
    signerTitle: string;
    issuedOn: string;
    email: { subject: string; text: string; html: string } | null;
  },
): Promise<LetterOutcome> {
  return db().runTransaction(async (tx) => {
    const read = await readKase(tx, caseId);
    if (!read) return 'skipped';
    const { ref, kase } = read;
    const letter = kase.letter;
    if (letter?.status !== 'rendering' || letter.leaseId !== leaseId || !letter.registerId) return 'skipped';
    const out = outboxRef(caseId);
    const queued = r.email ? (await tx.get(out)).exists : false;
    const now = new Date().toISOString();
    const to = kase.applicant.email;
    const patch: Record<string, unknown> = {
      'letter.status': 'rendered',
      'letter.storagePath': r.storagePath,
      'letter.sha256': r.sha256,
      'letter.pages': r.pages,
      'letter.signatureProvider': r.provider,
      'letter.renderedAt': now,
      'letter.leaseId': FieldValue.delete(),
      'letter.leaseUntil': FieldValue.delete(),
      'letter.nextAttemptAt': FieldValue.delete(),
      'letter.error': FieldValue.delete(),
    };
    if (!queued) {
      patch['letter.email'] =
        r.email && to
          ? { status: 'queued', at: now }
          : {
              status: 'none',
              at: now,
              error: 'Pemohon tidak mencantumkan alamat email; surat diserahkan langsung.',
            };
    }
    tx.update(registerCol().doc(letter.registerId), {
      status: 'valid',
      storagePath: r.storagePath,
      sha256: r.sha256,
      renderedAt: now,
      signerTitle: r.signerTitle,
    });
    appendHistory(
      tx,
      ref,
      kase,
      {
        action: 'letterIssued',
        from: kase.state,
        to: kase.state,
        at: now,
        ...SYSTEM,
        note: `Surat Keterangan Nomor ${r.number} tanggal ${r.issuedOn} diterbitkan dan disimpan (SHA-256 ${r.sha256}).`,
        letterNumber: r.number,
        sha256: r.sha256,
      },
      patch,
    );
    if (r.email && to && !queued) {
      tx.create(out, {
        kind: 'letter',
        caseId,
        to,
        message: r.email,
        attachments: [
          { filename: letterFilename(r.number), storagePath: r.storagePath, contentType: 'application/pdf' },
        ],
        createdAt: now,
        delivery: { state: 'PENDING', attempts: 0 },
      });
    }
    return 'issued';
  });
}
