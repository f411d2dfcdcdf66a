import { z } from 'zod';
import { CaseRef, DocumentKind } from '../schemas.js';
import { transitionCallable } from '../cases/transition.js';

/** Step 2 (FO): the checklist item by item; every required document must be checked OK. */
export const verifyCase = transitionCallable(
  CaseRef.extend({
    checks: z
      .array(z.object({ kind: DocumentKind, ok: z.boolean(), note: z.string().trim().max(500).optional() }).strict())
      .min(1),
  }).strict(),
  (d) => ({ action: 'verify', checks: d.checks }),
);
