import { z } from 'zod';
import { CaseRef, DocumentKind } from '../schemas.js';
import { transitionCallable } from '../cases/transition.js';

/** The applicant brought what was missing → back to `submitted` (the SOP clock resumes). */
export const completeDocuments = transitionCallable(
  CaseRef.extend({ received: z.array(DocumentKind).min(1), note: z.string().trim().max(2000).optional() }).strict(),
  (d) => ({ action: 'documentsCompleted', received: d.received, ...(d.note ? { note: d.note } : {}) }),
);
