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
 * A letter out of attempts — its last attempt failed, or its last lease expired — becomes 'dead'
 * (final; `../domain/letterLifecycle.ts`) and waits for the administrator's Retry or Void. Every
 * state that still needs work carries `letter.dueAt`, which the sweeper orders by.
 * `case.version` is never bumped: it counts staff transitions.
 */
import { randomUUID } from 'node:crypto';
import { FieldValue, type DocumentReference, type Transaction } from 'firebase-admin/firestore';
import { isDomainError } from '../domain/errors.js';
import { formatTanggal, officeDateParts } from '../domain/indonesianDate.js';
import { letterPurpose, maskName, maskNik } from '../domain/letterContent.js';
import { formatLetterNumber } from '../domain/letterNumber.js';
import type { OfficeSettings } from '../domain/settings.js';
import { COMPLAINT_TYPE_LABELS } from '../domain/vocabulary.js';
import type { CaseSnapshot } from '../domain/workflow.js';
import { renderLetterPdf, sha256Hex } from './render.js';
import type { CertificateInfo, LetterSigner } from './signer.js';
import { configuredSigner } from './pades.js';
import { db, bucket } from '../firebase/admin.js';
import { runTransaction } from '../firebase/transaction.js';
import { registerCol, type RegisterEntry } from './register.js';
import { appendHistory, tryReadCase, type StoredCase } from '../cases/store.js';
import { newVerificationCode, verificationUrl } from '../domain/letterCode.js';
import { attemptsLeft, leaseUntil, nextAttemptAt, type RetryPolicy } from '../domain/retry.js';
import { DEAD_LETTER_NOTE, LOST_LEASE_MESSAGE, letterStep } from '../domain/letterLifecycle.js';
import { ASSISTANCE_TYPE_LABELS } from '../domain/workflow.js';
import { letterEmail, letterFilename, letterInputOf } from '../domain/letterInput.js';
import { newDelivery } from '../mail/outbox.js';
import { publicBaseUrl } from '../firebase/params.js';
import { ensureSurveyInvite, surveyUrl } from '../survey/invites.js';
import { loadSettings } from '../firebase/settings.js';

/** 4 attempts, 10 s / 30 s / 90 s apart; the lease outlives the trigger's 300 s timeout. */
export const LETTER_RETRY: RetryPolicy = {
  maxAttempts: 4,
  backoffMs: [10_000, 30_000, 90_000],
  leaseMs: 6 * 60_000,
};

/** What the trigger writes on `case.letter` beyond the domain's LetterState. */
export interface StoredLetter {
  status: 'pending' | 'rendering' | 'rendered' | 'failed' | 'dead';
  /** When the sweeper should look at it; absent once rendered or dead. */
  dueAt?: string;
  number?: string;
  sequence?: number;
  year?: number;
  registerId?: string;
  verificationCode?: string;
  storagePath?: string;
  sha256?: string;
  pages?: number;
  signatureProvider?: string;
  /** The certificate the letter was signed with (a cryptographic signature). */
  certificate?: CertificateInfo;
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
  return letterStep(letter, LETTER_RETRY, now) === 'claim';
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

/**
 * Marks a letter out of attempts 'dead' (in `tx`, after all reads): final until the administrator
 * retries or voids it; it leaves the sweeper's query (no `dueAt`).
 */
function bury(tx: Transaction, ref: DocumentReference, kase: Kase, message: string, at: string): void {
  const note = `${message} ${DEAD_LETTER_NOTE}`;
  appendHistory(
    tx,
    ref,
    kase,
    { action: 'letterDead', from: kase.state, to: kase.state, at, ...SYSTEM, note, final: true },
    {
      'letter.status': 'dead',
      'letter.error': note,
      'letter.deadAt': at,
      'letter.leaseId': FieldValue.delete(),
      'letter.leaseUntil': FieldValue.delete(),
      'letter.nextAttemptAt': FieldValue.delete(),
      'letter.dueAt': FieldValue.delete(),
    },
  );
}

/**
 * Transaction 1: claim the lease and, once per case, take the number. A letter out of attempts
 * (an expired lease on its last attempt) is buried instead, and nothing is claimed.
 */
async function claim(caseId: string, settings: OfficeSettings, now: Date): Promise<Claimed | 'dead' | null> {
  // Claims of this process take turns (`localQueue`): each may take the next number from the year's
  // letter counter, and concurrent transactions on one document only lock each other out.
  return runTransaction('letter.claim', async (tx) => {
    const read = await readKase(tx, caseId);
    if (!read) return null;
    const { ref, kase } = read;
    const letter = kase.letter;
    if (kase.state !== 'signed' || !kase.signature || !letter) return null;
    const step = letterStep(letter, LETTER_RETRY, now);
    if (step === 'bury') {
      const message = letter.status === 'rendering' ? LOST_LEASE_MESSAGE : (letter.error ?? LOST_LEASE_MESSAGE);
      bury(tx, ref, kase, message, now.toISOString());
      return 'dead';
    }
    if (step !== 'claim') return null;
    const leaseId = randomUUID();
    const attempt = (letter.attempts ?? 0) + 1;
    const lease = leaseUntil(LETTER_RETRY, now);
    const patch: Record<string, unknown> = {
      'letter.status': 'rendering',
      'letter.leaseId': leaseId,
      'letter.leaseUntil': lease,
      'letter.dueAt': lease,
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
        kpmNameMasked: maskName(kase.kpm.name),
        kpmNikMasked: maskNik(kase.kpm.nik),
        complaintType: kase.complaintType,
        complaintLabel: COMPLAINT_TYPE_LABELS[kase.complaintType],
        outcome: letterPurpose(
          kase.complaintType,
          kase.analysis ? (ASSISTANCE_TYPE_LABELS[kase.analysis.assistanceType] ?? kase.analysis.assistanceType) : '',
        ),
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
  }, { localQueue: 'counters/letters' });
}

/** An Indonesian sentence for staff; DomainError messages are already Indonesian. */
function staffMessage(err: unknown): string {
  if (isDomainError(err)) return `Surat Keterangan gagal dibuat: ${err.message}`;
  return 'Surat Keterangan gagal dibuat karena gangguan sistem. Sistem akan mencoba lagi secara otomatis.';
}

/**
 * Records a failed attempt (only while the lease is ours, or — for a failed claim — while still
 * claimable): 'failed' with the next attempt due after the backoff, or 'dead' after the last one.
 * Returns the status it left.
 */
async function recordFailure(
  caseId: string,
  leaseId: string | null,
  err: unknown,
  now: Date,
): Promise<'failed' | 'dead' | null> {
  return runTransaction('letter.failure', async (tx) => {
    const read = await readKase(tx, caseId);
    if (!read) return null;
    const { ref, kase } = read;
    const letter = kase.letter;
    const ours =
      leaseId !== null
        ? letter?.status === 'rendering' && letter.leaseId === leaseId
        : claimable(letter, now);
    if (!ours || !letter) return null;
    const attempts = leaseId !== null ? (letter.attempts ?? 1) : (letter.attempts ?? 0) + 1;
    const message = staffMessage(err);
    if (!attemptsLeft(LETTER_RETRY, attempts)) {
      tx.update(ref, { 'letter.attempts': attempts });
      bury(tx, ref, kase, message, now.toISOString());
      return 'dead';
    }
    const next = nextAttemptAt(LETTER_RETRY, attempts, now);
    const patch: Record<string, unknown> = {
      'letter.status': 'failed',
      'letter.attempts': attempts,
      'letter.error': message,
      'letter.leaseId': FieldValue.delete(),
      'letter.leaseUntil': FieldValue.delete(),
      'letter.nextAttemptAt': next,
      'letter.dueAt': next,
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
    return 'failed';
  });
}

export type LetterOutcome = 'issued' | 'skipped' | 'failed' | 'dead';

/**
 * Issues the letter of `caseId` if, and only if, it is due (see the module comment). Never throws
 * for a rendering problem: the failure is recorded on the case. `clock` gives the instant of each
 * step (claim, publication, failure): the system's time, except for the demo seed's backdated
 * cases (functions/src/demo/seed.ts), whose letters are issued seconds after their signature.
 */
export async function processLetter(
  caseId: string,
  signer: LetterSigner = configuredSigner(),
  clock: () => Date = () => new Date(),
): Promise<LetterOutcome> {
  const settings = await loadSettings();
  let claimed: Claimed | 'dead' | null;
  try {
    claimed = await claim(caseId, settings, clock());
  } catch (err) {
    return (await recordFailure(caseId, null, err, clock())) ?? 'skipped';
  }
  if (claimed === 'dead') return 'dead';
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
    // The email carries the case's one-time survey link (SKM); created here if absent.
    const invite = kase.applicant.email ? await ensureSurveyInvite(caseId) : null;
    const email = kase.applicant.email
      ? letterEmail(
          kase,
          settings,
          { number, issuedAt: input.issuedAt, verificationUrl: url, code },
          invite && !invite.used ? surveyUrl(invite.token) : undefined,
        )
      : null;
    return await finish(caseId, leaseId, {
      number,
      storagePath,
      sha256,
      pages: rendered.pages,
      provider: signed.provider,
      ...(signed.certificate ? { certificate: signed.certificate } : {}),
      signerTitle: input.signer.title,
      issuedOn: formatTanggal(input.issuedAt, input.utcOffsetMinutes),
      email,
      at: clock(),
    });
  } catch (err) {
    return (await recordFailure(caseId, leaseId, err, clock())) ?? 'skipped';
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
    certificate?: CertificateInfo;
    signerTitle: string;
    issuedOn: string;
    email: { subject: string; text: string; html: string } | null;
    /** When the letter is published. */
    at: Date;
  },
): Promise<LetterOutcome> {
  return runTransaction('letter.publish', async (tx) => {
    const read = await readKase(tx, caseId);
    if (!read) return 'skipped';
    const { ref, kase } = read;
    const letter = kase.letter;
    if (letter?.status !== 'rendering' || letter.leaseId !== leaseId || !letter.registerId) return 'skipped';
    const out = outboxRef(caseId);
    const queued = r.email ? (await tx.get(out)).exists : false;
    const now = r.at.toISOString();
    const to = kase.applicant.email;
    const patch: Record<string, unknown> = {
      'letter.status': 'rendered',
      'letter.storagePath': r.storagePath,
      'letter.sha256': r.sha256,
      'letter.pages': r.pages,
      'letter.signatureProvider': r.provider,
      ...(r.certificate ? { 'letter.certificate': r.certificate } : {}),
      'letter.renderedAt': now,
      'letter.leaseId': FieldValue.delete(),
      'letter.leaseUntil': FieldValue.delete(),
      'letter.nextAttemptAt': FieldValue.delete(),
      'letter.dueAt': FieldValue.delete(),
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
      signature: {
        provider: r.provider,
        ...(r.certificate
          ? { certificate: { subject: r.certificate.subject, issuer: r.certificate.issuer, sha256: r.certificate.sha256 } }
          : {}),
      },
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
        delivery: newDelivery(new Date(now)),
      });
    }
    return 'issued';
  });
}
