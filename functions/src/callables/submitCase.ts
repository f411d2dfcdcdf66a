import { z } from 'zod';
import { CaseRef, DocumentKind } from '../schemas.js';
import { transitionCallable } from '../cases/transition.js';

/** Step 1 → 2 (FO): submit the intake; the checklist of the complaint type must be complete. */
export const submitCase = transitionCallable(
  CaseRef.extend({ present: z.array(DocumentKind).optional() }).strict(),
  (d) => ({ action: 'submit', ...(d.present ? { present: d.present } : {}) }),
);
