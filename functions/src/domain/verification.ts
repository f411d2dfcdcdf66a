import { formatTanggal } from './indonesianDate.js';

/**
 * What the public letter verification answers (callable `verifyLetter`, page /verifikasi/<code>).
 * Shared by the function and the page; no personal data beyond the masked name.
 */
export type VerifyLetterResult =
  | { status: 'unknown' }
  | {
      status: 'valid' | 'revoked';
      number: string;
      /** '27 November 2026' (office calendar). */
      date: string;
      signerName: string;
      signerTitle: string;
      applicantMasked: string;
      complaintLabel: string;
      /** Only when revoked: the date of the revocation (the reason stays internal). */
      revokedOn?: string;
      /** Only when a SHA-256 was sent: whether it is the stored letter's. */
      hashMatches?: boolean;
    };

/** The register entry's fields the public answer is made of (nothing else is read). */
export interface PublicRegisterFields {
  number: string;
  status: 'numbered' | 'valid' | 'revoked';
  issuedAt: string;
  signerName: string;
  signerTitle: string;
  applicantMasked: string;
  complaintLabel: string;
  sha256?: string;
  renderedAt?: string;
  revoked?: { at: string };
}

/**
 * The public answer for a register entry (null: unknown code). A letter not stored yet is
 * 'unknown'; a revoked one says so with its date; `sha256`, when given, is compared with the
 * stored letter's.
 */
export function verificationOf(
  e: PublicRegisterFields | null,
  offsetMinutes: number,
  sha256?: string,
): VerifyLetterResult {
  if (!e || !e.renderedAt || !e.sha256) return { status: 'unknown' };
  const revoked = e.status === 'revoked';
  return {
    status: revoked ? 'revoked' : 'valid',
    number: e.number,
    date: formatTanggal(new Date(e.issuedAt), offsetMinutes),
    signerName: e.signerName,
    signerTitle: e.signerTitle,
    applicantMasked: e.applicantMasked,
    complaintLabel: e.complaintLabel,
    ...(revoked && e.revoked ? { revokedOn: formatTanggal(new Date(e.revoked.at), offsetMinutes) } : {}),
    ...(sha256 ? { hashMatches: sha256.toLowerCase() === e.sha256 } : {}),
  };
}
