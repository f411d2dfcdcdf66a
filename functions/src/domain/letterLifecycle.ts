/**
 * The life of a case's letter after the Kabid signs, as pure decisions (the letter issuer, the
 * sweeper and the admin's Retry / Void call these; the staff page shows their labels):
 *
 *   pending ─claim→ rendering ─stored→ rendered
 *                       │ failure, attempts left → failed ─(backoff)→ claim …
 *                       │ lease expired (instance died) → claim again, while attempts are left
 *                       └ out of attempts (a failure, or an expired lease on the last attempt) → dead
 *   dead ─Retry (admin)→ pending (a fresh series of attempts, same number if one was taken)
 *   dead ─Void (admin)→ the number stays in the register as 'voided' (dibatalkan); the case goes
 *                       back to `initialled` with the signature cleared, to be signed under a new number
 *
 * `dead` is final until an administrator acts: no trigger or sweeper touches it again. Every state
 * that still needs work carries `dueAt` (when the sweeper should look at it: now for `pending`, the
 * lease's end for `rendering`, the backoff's end for `failed`); `rendered` and `dead` carry none, so
 * they leave the sweeper's query (`letter.dueAt <= now`, oldest first).
 */
import type { Actor, CaseSnapshot, LetterStatus } from './caseModel.js';
import { DomainError } from './errors.js';
import { startClock, type CaseClock } from './officeClock.js';
import { attemptsLeft, leaseExpired, retryDue, type RetryPolicy } from './retry.js';

export type { LetterStatus };

/** What a worker may do with a letter now. */
export type LetterStep = 'claim' | 'bury' | 'wait';

/** The fields of `case.letter` these decisions read. */
export interface LetterProgress {
  status: LetterStatus;
  attempts?: number;
  leaseUntil?: string;
  nextAttemptAt?: string;
}

/**
 * `claim`: take the lease and attempt now; `bury`: no attempt is left (mark it dead); `wait`:
 * nothing to do now (being rendered under a live lease, a backoff not over, done, or dead).
 */
export function letterStep(letter: LetterProgress | null | undefined, policy: RetryPolicy, now: Date): LetterStep {
  if (!letter) return 'wait';
  const left = attemptsLeft(policy, letter.attempts ?? 0);
  switch (letter.status) {
    case 'pending':
      return left ? 'claim' : 'bury';
    case 'failed':
      if (!left) return 'bury';
      return retryDue(letter.nextAttemptAt, now) ? 'claim' : 'wait';
    case 'rendering':
      if (!leaseExpired(letter.leaseUntil, now)) return 'wait';
      return left ? 'claim' : 'bury';
    default:
      return 'wait';
  }
}

/** Staff message of a letter out of attempts (appended to the last failure's message). */
export const DEAD_LETTER_NOTE =
  'Batas percobaan otomatis telah tercapai; administrator dapat mencoba lagi atau membatalkan nomor surat ini.';

/** When a lease held by an instance that died is taken to be lost (for the staff message). */
export const LOST_LEASE_MESSAGE =
  'Surat Keterangan gagal dibuat: proses pembuatan surat terhenti sebelum selesai.';

/** The Retry of a dead letter (admin): the patch of `case.letter` and the history note. */
export function planLetterRetry(
  kase: Pick<CaseSnapshot, 'state'> & { letter?: (LetterProgress & { number?: string }) | null },
  reason: string,
  now: Date,
): { patch: Record<string, unknown>; note: string } {
  if (kase.state !== 'signed' || kase.letter?.status !== 'dead') {
    throw new DomainError(
      'failed-precondition',
      'Hanya Surat Keterangan yang gagal dibuat setelah seluruh percobaan otomatis yang dapat dicoba lagi.',
    );
  }
  const at = now.toISOString();
  const number = kase.letter.number;
  return {
    patch: {
      'letter.status': 'pending',
      'letter.attempts': 0,
      'letter.dueAt': at,
      'letter.retriedAt': at,
    },
    note:
      `Pembuatan Surat Keterangan${number ? ` Nomor ${number}` : ''} dicoba lagi oleh administrator ` +
      `(percobaan otomatis dimulai dari awal): ${reason}`,
  };
}

/** What voiding a dead letter writes on the case (the register entry is the shell's). */
export interface VoidPlan {
  patch: {
    state: 'initialled';
    version: number;
    signature: null;
    letter: null;
    clock: CaseClock;
    updatedAt: string;
    updatedBy: string;
  };
  note: string;
}

/**
 * The Void of a dead letter (admin): its number (if one was taken) stays in the register marked
 * dibatalkan; the case goes back to `initialled` — the Koordinator's paraf stands, the Kabid's
 * signature is cleared — and the Kabid signs again, which takes a new number. The version is
 * bumped (a page holding the old one must reload) and the step-5 clock starts again.
 */
export function planVoidLetter(
  kase: Pick<CaseSnapshot, 'state' | 'version'> & { letter?: (LetterProgress & { number?: string }) | null },
  actor: Pick<Actor, 'uid'>,
  reason: string,
  now: Date,
): VoidPlan {
  if (kase.state !== 'signed' || kase.letter?.status !== 'dead') {
    throw new DomainError(
      'failed-precondition',
      'Hanya Surat Keterangan yang gagal dibuat setelah seluruh percobaan otomatis yang dapat dibatalkan.',
    );
  }
  const at = now.toISOString();
  const number = kase.letter.number;
  const what = number ? `Nomor Surat Keterangan ${number} dibatalkan (tetap tercatat pada register sebagai dibatalkan)` : 'Pembuatan Surat Keterangan dibatalkan (belum ada nomor yang diambil)';
  return {
    patch: {
      state: 'initialled',
      version: kase.version + 1,
      signature: null,
      letter: null,
      clock: startClock('initialled', now),
      updatedAt: at,
      updatedBy: actor.uid,
    },
    note:
      `${what}: ${reason}. Tanda tangan Kepala Bidang Sosial dihapus dan pengaduan dikembalikan ke ` +
      'tahap tanda tangan (status Diparaf); surat akan diberi nomor baru ketika ditandatangani kembali.',
  };
}
