import { HttpsError } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions/v2';
import { ZodError } from 'zod';
import { DomainError, isDomainError } from '../domain/errors.js';
import { BUSY_MESSAGE } from '../domain/transactionRetry.js';

/** Turns zod issues into one sentence per issue: "applicant.nik: NIK harus 16 digit". */
export function formatZodError(err: ZodError): string {
  return err.issues
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * The one place where errors become what a client sees.
 * DomainError and ZodError keep their meaning; HttpsError passes through; anything else is logged
 * and reaches the client as `internal` WITHOUT its message.
 */
export function toHttpsError(err: unknown): HttpsError {
  if (err instanceof HttpsError) return err;
  if (isDomainError(err)) return new HttpsError(err.code, err.message, err.details);
  if (err instanceof ZodError) {
    return new HttpsError('invalid-argument', `Data tidak valid: ${formatZodError(err)}`, {
      issues: err.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  if (isFirestoreContention(err)) return new HttpsError('aborted', BUSY_MESSAGE);
  logger.error('Unexpected error', err instanceof Error ? { message: err.message, stack: err.stack } : { err });
  return new HttpsError('internal', 'Terjadi kesalahan pada server. Silakan coba lagi.');
}

export { DomainError };

/**
 * Firestore's ABORTED (gRPC code 10) from a write OUTSIDE a transaction — a batch or a single write
 * that lost to contention, which production does report (googleapis/nodejs-firestore #1020, #1022)
 * and the client does not retry. Transactions never get here with it: `./transaction.ts` retries
 * them and ends with the `aborted` DomainError (`busyError`). So a plain write's ABORTED reads as the
 * same sentence; only its caller may repeat it, knowing whether that is safe.
 */
function isFirestoreContention(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 10;
}
