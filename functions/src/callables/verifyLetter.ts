import { z } from 'zod';
import { formatTanggal } from '../domain/indonesianDate.js';
import { callable } from '../firebase/callable.js';
import { normalizeVerificationCode } from '../domain/letterCode.js';
import { registerCol, type RegisterEntry } from '../letter/issue.js';
import { loadSettings } from '../firebase/settings.js';
import type { VerifyLetterResult } from '../domain/verification.js';

export type { VerifyLetterResult };

const Input = z
  .object({
    code: z.string().max(40),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'SHA-256 harus 64 karakter heksadesimal')
      .optional(),
  })
  .strict();

/**
 * Public (no sign-in): is this a letter the office issued? Answers from the register only what the
 * verification page shows — number, date, signer, the applicant's masked name, the complaint type —
 * never a NIK, an address or a phone number. A code that is malformed, unknown, or whose letter is
 * not stored yet is 'unknown'.
 */
export const verifyLetter = callable(
  Input,
  async (data): Promise<VerifyLetterResult> => {
    const code = normalizeVerificationCode(data.code);
    if (!code) return { status: 'unknown' };
    const hits = await registerCol().where('code', '==', code).limit(2).get();
    const doc = hits.docs[0];
    if (hits.size !== 1 || !doc) return { status: 'unknown' };
    const e = doc.data() as RegisterEntry;
    if (!e.renderedAt || !e.sha256) return { status: 'unknown' };
    const offset = (await loadSettings()).calendar.timeZoneOffsetMinutes;
    const revoked = e.status === 'revoked';
    return {
      status: revoked ? 'revoked' : 'valid',
      number: e.number,
      date: formatTanggal(new Date(e.issuedAt), offset),
      signerName: e.signerName,
      signerTitle: e.signerTitle,
      applicantMasked: e.applicantMasked,
      complaintLabel: e.complaintLabel,
      ...(revoked && e.revoked ? { revokedOn: formatTanggal(new Date(e.revoked.at), offset) } : {}),
      ...(data.sha256 ? { hashMatches: data.sha256.toLowerCase() === e.sha256 } : {}),
    };
  },
  { public: true },
);
