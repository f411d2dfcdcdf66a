import { z } from 'zod';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { CaseId, reasonText } from '../schemas.js';
import { rejectUpload } from '../uploads/review.js';

const Input = z
  .object({
    caseId: CaseId,
    docId: z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'ID dokumen tidak valid'),
    reason: reasonText,
  })
  .strict();

/** FO: rejects one received photocopy with a reason the phone page shows (see `rejectUpload`). */
export const rejectDocument = callable(Input, async ({ caseId, docId, reason }, req) => {
  const fo = await requireRole(req, 'fo');
  return rejectUpload(caseId, docId, reason, fo);
});
