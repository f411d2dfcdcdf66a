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
