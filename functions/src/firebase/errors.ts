import { HttpsError } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions/v2';
import { ZodError } from 'zod';
import { DomainError, isDomainError } from '../domain/errors.js';

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
  if (isFirestoreContention(err)) {
    return new HttpsError('aborted', 'Server sedang sibuk menangani permintaan lain untuk data yang sama. Silakan coba lagi.');
  }
  logger.error('Unexpected error', err instanceof Error ? { message: err.message, stack: err.stack } : { err });
  return new HttpsError('internal', 'Terjadi kesalahan pada server. Silakan coba lagi.');
}

export { DomainError };

/** Firestore's ABORTED (gRPC code 10): a transaction lost to contention after all its retries. */
function isFirestoreContention(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 10;
}
