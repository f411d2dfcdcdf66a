import { z } from 'zod';
import { personalDataRefusal } from '../domain/personalData.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { CaseId, reasonText } from '../schemas.js';
import { rejectUpload } from '../uploads/review.js';

const Input = z
  .object({
    caseId: CaseId,
    docId: z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'ID dokumen tidak valid'),
    // The reason goes into the case history and onto the phone page: no NIK, phone or email in it.
    reason: reasonText.superRefine((text, ctx) => {
      const refusal = personalDataRefusal(text);
      if (refusal) ctx.addIssue({ code: 'custom', message: refusal });
    }),
  })
  .strict();

/**
 * FO: rejects one received photocopy with a reason the phone page shows (see `rejectUpload`); the
 * document kind then takes a replacement, whose upload clears the document's check.
 */
export const rejectDocument = callable(Input, async ({ caseId, docId, reason }, req) => {
  const fo = await requireRole(req, 'fo');
  return rejectUpload(caseId, docId, reason, fo);
});
