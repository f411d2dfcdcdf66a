import { z } from 'zod';
import { CaseRef, DocumentKind, reasonText } from '../schemas.js';
import { transitionCallable } from '../cases/transition.js';

/** Step 2 (FO): documents incomplete → back to the applicant (the SOP clock pauses). */
export const returnToApplicant = transitionCallable(
  CaseRef.extend({ reason: reasonText, missing: z.array(DocumentKind).min(1) }).strict(),
  (d) => ({ action: 'returnToApplicant', reason: d.reason, missing: d.missing }),
);
