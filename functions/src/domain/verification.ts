import { formatTanggal, formatTanggalWaktu } from './indonesianDate.js';
import type { RegisterStatus } from './vocabulary.js';

/**
 * What the public letter verification answers (callable `verifyLetter`, page /verifikasi/<code>).
 * Shared by the function and the page. It states what the letter says, masked — so that a forged
 * paper reusing a genuine code with other contents is caught by whoever compares it: the KPM's
 * masked name and NIK, the applicant's masked name, the complaint, the outcome in one line, the
 * number, the date and the signer — and nothing else personal (never a full NIK, an address, a
 * phone number or an email address).
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
      /** The KPM named in the letter, masked ('S*** A*****'); absent for letters numbered before it was recorded. */
      kpmNameMasked?: string;
      /** '6571********0001' */
      kpmNikMasked?: string;
      /** What the letter grants, in one sentence (generated from the complaint type: no personal data). */
      outcome?: string;
      /** Whether the letter has been revoked (also said by `status`). */
      revoked: boolean;
      /** Only when revoked: the date of the revocation (the reason stays internal). */
      revokedOn?: string;
      /** The electronic signature, as the register records it. */
      signature?: {
        /** '27 November 2026 14.05 WITA'-style instant of the Kabid's signature. */
        signedAt: string;
        /** 'pades-p12', 'bsre', … */
        provider: string;
        /** The certificate's subject, e.g. 'CN=…, O=…, C=ID'. */
        certificateSubject?: string;
        certificateIssuer?: string;
      };
      /** Only when a SHA-256 was sent: whether it is the stored (signed) letter's. */
      hashMatches?: boolean;
    };

/** The register entry's fields the public answer is made of (nothing else is read). */
export interface PublicRegisterFields {
  number: string;
  status: RegisterStatus;
  issuedAt: string;
  signerName: string;
  signerTitle: string;
  applicantMasked: string;
  complaintLabel: string;
  kpmNameMasked?: string;
  kpmNikMasked?: string;
  outcome?: string;
  sha256?: string;
  renderedAt?: string;
  revoked?: { at: string };
  signature?: { provider: string; certificate?: { subject: string; issuer: string } };
}

/**
 * The public answer for a register entry (null: unknown code). A letter not stored yet, or whose
 * number was voided (never issued), is 'unknown'; a revoked one says so with its date; `sha256`,
 * when given, is compared with the stored letter's.
 */
export function verificationOf(
  e: PublicRegisterFields | null,
  offsetMinutes: number,
  sha256?: string,
): VerifyLetterResult {
  if (!e || !e.renderedAt || !e.sha256 || e.status === 'voided' || e.status === 'numbered') {
    return { status: 'unknown' };
  }
  const revoked = e.status === 'revoked';
  const cert = e.signature?.certificate;
  return {
    status: revoked ? 'revoked' : 'valid',
    number: e.number,
    date: formatTanggal(new Date(e.issuedAt), offsetMinutes),
    signerName: e.signerName,
    signerTitle: e.signerTitle,
    applicantMasked: e.applicantMasked,
    complaintLabel: e.complaintLabel,
    ...(e.kpmNameMasked ? { kpmNameMasked: e.kpmNameMasked } : {}),
    ...(e.kpmNikMasked ? { kpmNikMasked: e.kpmNikMasked } : {}),
    ...(e.outcome ? { outcome: e.outcome } : {}),
    revoked,
    ...(revoked && e.revoked ? { revokedOn: formatTanggal(new Date(e.revoked.at), offsetMinutes) } : {}),
    ...(e.signature
      ? {
          signature: {
            signedAt: formatTanggalWaktu(new Date(e.issuedAt), offsetMinutes),
            provider: e.signature.provider,
            ...(cert ? { certificateSubject: cert.subject, certificateIssuer: cert.issuer } : {}),
          },
        }
      : {}),
    ...(sha256 ? { hashMatches: sha256.toLowerCase() === e.sha256 } : {}),
  };
}
