import { z } from 'zod';
import { verificationOf, type VerifyLetterResult } from '../domain/verification.js';
import { callable } from '../firebase/callable.js';
import { loadSettings } from '../firebase/settings.js';
import { findByCode } from '../letter/register.js';

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
    const hit = await findByCode(data.code);
    if (!hit) return { status: 'unknown' };
    const offset = (await loadSettings()).calendar.timeZoneOffsetMinutes;
    return verificationOf(hit.entry, offset, data.sha256);
  },
  { public: true },
);
